-- The decision log becomes a hash chain (issue 6). Events are inserted unsealed; the sealer sets chain_index,
-- prev_hash and hash once. The guard triggers (V8_1, a Java migration: plpgsql on PostgreSQL, a Java trigger on H2)
-- refuse every other UPDATE and any DELETE outside retention.
alter table audit_event add column chain_index bigint;
alter table audit_event add column prev_hash varchar(64);
alter table audit_event add column hash varchar(64);
-- Search columns, copied from the payload when the event is appended (the payload itself is what the hash covers).
alter table audit_event add column decision_id varchar(100);
alter table audit_event add column priority varchar(10);
alter table audit_event add column action_type varchar(60);
alter table audit_event add column ruleset_version varchar(100);

create unique index ux_audit_event_chain on audit_event (chain_index);
create index ix_audit_event_decision on audit_event (decision_id);
create index ix_audit_event_time on audit_event (occurred_at, seq);
create index ix_audit_event_type on audit_event (type, seq);

-- One row: the sealed head. Sealers lock it (SELECT … FOR UPDATE), so one replica seals at a time.
create table audit_chain_head (
    id           integer      primary key,
    chain_index  bigint       not null,
    hash         varchar(64)  not null,
    sealed_seq   bigint       not null
);
insert into audit_chain_head (id, chain_index, hash, sealed_seq)
    values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

-- Signed statements "the chain's head at index N is hash H", Ed25519 over the canonical checkpoint.
create table audit_checkpoint (
    chain_index  bigint       primary key,
    head_hash    varchar(64)  not null,
    created_at   timestamp with time zone not null,
    key_id       varchar(64)  not null,
    signature    varchar(200) not null
);

-- The only sanctioned way to delete events: retention inserts a permit in its own transaction, deletes the sealed
-- events up to through_index, and removes the permit before it commits.
create table audit_purge_permit (
    through_index  bigint  not null
);
