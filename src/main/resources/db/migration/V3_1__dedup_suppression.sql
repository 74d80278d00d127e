-- Dedup (alerts with the same fingerprint attach to the open decision) and analysts' time-bounded suppressions.
-- Written to run unchanged on PostgreSQL and on H2 in PostgreSQL mode.

create table suppression (
    id              uuid          primary key,
    match_source    varchar(200),
    match_category  varchar(40),
    match_host      varchar(253),
    match_user      varchar(256),
    title_contains  varchar(500),
    reason          varchar(1000) not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    created_by      varchar(200)  not null,
    revoked_at      timestamp with time zone,
    revoked_by      varchar(200)
);
create index ix_suppression_expiry on suppression (expires_at);

alter table decision add column fingerprint varchar(80);
alter table decision add column occurrence_count integer default 1 not null;
alter table decision add column last_seen_at timestamp with time zone;
update decision set last_seen_at = decided_at;
alter table decision alter column last_seen_at set not null;
alter table decision add column suppression_id uuid references suppression (id);
create index ix_decision_fingerprint on decision (fingerprint, decided_at);

-- Later alerts that were attached to an earlier decision instead of getting their own.
create table decision_occurrence (
    alert_id     uuid  primary key references alert (id),
    decision_id  uuid  not null references decision (id),
    seen_at      timestamp with time zone not null
);
create index ix_decision_occurrence_decision on decision_occurrence (decision_id);
