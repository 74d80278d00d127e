package dev.arbiter.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one row that says where the sealed chain ends; sealers lock it so one replica seals at a time. */
@Entity
@Table(name = "audit_chain_head")
class ChainHead {

    static final int ID = 1;

    @Id
    Integer id;

    @Column(name = "chain_index", nullable = false)
    long chainIndex;

    @Column(nullable = false)
    String hash;

    /** The highest sequence number sealed so far. */
    @Column(name = "sealed_seq", nullable = false)
    long sealedSeq;
}
