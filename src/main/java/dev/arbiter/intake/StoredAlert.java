package dev.arbiter.intake;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An accepted alert as stored, with the exact JSON the client sent. Unique by source and external id. */
@Entity
@Table(name = "alert")
public class StoredAlert {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String source;

    @Column(name = "external_id", nullable = false)
    public String externalId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String severity;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "raw_json", nullable = false, columnDefinition = "text")
    public String rawJson;

    /** Where the requester wants to hear about the decision's changes; null when it gave none. */
    @Column(name = "callback_url")
    public String callbackUrl;
}
