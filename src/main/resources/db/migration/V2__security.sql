-- Local users, API keys, failed-login throttling and the separation-of-duties ledger.

create table app_user (
    id             uuid          primary key,
    username       varchar(100)  not null,
    password_hash  varchar(100)  not null,
    roles          varchar(200)  not null,
    created_at     timestamp with time zone not null,
    disabled       boolean       not null default false,
    constraint uq_app_user_username unique (username)
);

-- Keys are shown once; only a SHA-256 of the secret part is kept. key_id is the public part of the key.
create table api_key (
    id             uuid          primary key,
    key_id         varchar(20)   not null,
    name           varchar(100)  not null,
    secret_hash    varchar(64)   not null,
    roles          varchar(200)  not null,
    created_at     timestamp with time zone not null,
    created_by     varchar(200)  not null,
    expires_at     timestamp with time zone,
    revoked_at     timestamp with time zone,
    last_used_at   timestamp with time zone,
    constraint uq_api_key_key_id unique (key_id)
);

-- Failed authentication per subject (user:<name> or key:<key id>), for lock-out.
create table auth_failure (
    subject        varchar(150)  primary key,
    failures       integer       not null,
    window_start   timestamp with time zone not null,
    locked_until   timestamp with time zone
);

-- Who did what to which subject: submitted a decision, authored a ruleset, voted on an approval.
create table duty_record (
    subject_id     varchar(100)  not null,
    duty           varchar(20)   not null,
    principal_kind varchar(20)   not null,
    principal_id   varchar(200)  not null,
    recorded_at    timestamp with time zone not null,
    primary key (subject_id, duty, principal_kind, principal_id)
);

-- Idempotency keys are scoped to the client that sent them: "<kind>:<id>|<key>".
alter table idempotency_record alter column idem_key set data type varchar(600);
