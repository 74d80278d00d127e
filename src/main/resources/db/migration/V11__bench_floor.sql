-- The benchmark's floor (issue #9): the one row per request a bare endpoint inserts, to compare Arbiter's full
-- pipeline with the I/O it cannot avoid. Written only when arbiter.bench.floor.enabled is on (never in production).
create table bench_floor (
    id           uuid          primary key,
    source       varchar(200)  not null,
    external_id  varchar(200)  not null,
    received_at  timestamp with time zone not null,
    raw_json     text          not null
);
