package dev.arbiter.approval;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The global kill switch (one row, id 1): while engaged, every new action waits for approval. */
@Entity
@Table(name = "kill_switch")
public class KillSwitch {

    static final int ID = 1;

    @Id
    public int id;

    @Column(nullable = false)
    public boolean engaged;

    @Column
    public String reason;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by_kind")
    public String changedByKind;

    @Column(name = "changed_by_id")
    public String changedById;

    @Column(name = "changed_by_name")
    public String changedByName;
}
