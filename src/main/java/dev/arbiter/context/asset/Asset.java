package dev.arbiter.context.asset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** An asset as stored: its host names (lower case), its addresses and blocks, and what it matters to the business. */
@Entity
@Table(name = "asset")
class Asset {

    @Id
    String id;

    @Column(nullable = false)
    String criticality;

    @Column(nullable = false)
    String environment;

    String exposure;

    @Column(name = "owner_team")
    String ownerTeam;

    @Column(name = "mission_impact")
    String missionImpact;

    @Column(name = "safety_impact")
    String safetyImpact;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "asset_hostname", joinColumns = @JoinColumn(name = "asset_id"))
    @Column(name = "hostname", nullable = false)
    Set<String> hostnames = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "asset_network", joinColumns = @JoinColumn(name = "asset_id"))
    Set<Network> networks = new LinkedHashSet<>();

    /** One address or CIDR block of the asset, with its numeric range. */
    @Embeddable
    static class Network {

        @Column(name = "network", nullable = false)
        String text;

        @Column(nullable = false)
        int family;

        @Column(name = "first_address", nullable = false, precision = 39)
        BigDecimal firstAddress;

        @Column(name = "last_address", nullable = false, precision = 39)
        BigDecimal lastAddress;

        @Column(name = "prefix_length", nullable = false)
        int prefixLength;

        static Network of(dev.arbiter.context.Network network) {
            Network stored = new Network();
            stored.text = network.text();
            stored.family = network.family();
            stored.firstAddress = new BigDecimal(network.first());
            stored.lastAddress = new BigDecimal(network.last());
            stored.prefixLength = network.prefixLength();
            return stored;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Network n && text.equals(n.text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }
}
