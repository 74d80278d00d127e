package dev.arbiter.context.intel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A threat-intel indicator as stored: one per (type, value, source); addresses and blocks carry their range. */
@Entity
@Table(name = "intel_indicator")
class Indicator {

    @Id
    UUID id;

    @Column(name = "indicator_type", nullable = false)
    String type;

    @Column(name = "indicator", nullable = false)
    String value;

    @Column(nullable = false)
    String source;

    @Column(nullable = false)
    int confidence;

    @Column(name = "valid_until")
    Instant validUntil;

    String description;

    @Column(name = "stix_id")
    String stixId;

    Integer family;

    @Column(name = "first_address", precision = 39)
    BigDecimal firstAddress;

    @Column(name = "last_address", precision = 39)
    BigDecimal lastAddress;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
