-- Ruleset versions (every validated or activated bundle, its files and who submitted it), the live and shadow
-- slots every replica converges on, and the results of shadow evaluation. Runs on PostgreSQL and on H2.

-- status: validated, active, retired, refused, shadow. version is the digest over rules/ and dmn/ (scenarios
-- excluded); files_json holds every file of the bundle, scenarios included.
create table ruleset_version (
    version           varchar(80)   primary key,
    status            varchar(12)   not null,
    files_json        text          not null,
    problems_json     text          not null,
    scenarios_total   integer       not null,
    scenarios_passed  integer       not null,
    author_kind       varchar(20)   not null,
    author_id         varchar(200)  not null,
    author_name       varchar(200)  not null,
    created_at        timestamp with time zone not null,
    status_at         timestamp with time zone not null,
    status_by_name    varchar(200)  not null
);
create index ix_ruleset_version_created on ruleset_version (created_at);

-- One row per slot: live (what decides) and shadow (evaluated beside it). Activation locks the row.
create table ruleset_slot (
    slot         varchar(10)   primary key,
    version      varchar(80)   references ruleset_version (version),
    changed_at   timestamp with time zone
);
insert into ruleset_slot (slot) values ('live');
insert into ruleset_slot (slot) values ('shadow');

create table ruleset_shadow_result (
    id                   uuid          primary key,
    decision_id          uuid          not null,
    live_version         varchar(80)   not null,
    shadow_version       varchar(80)   not null,
    evaluated_at         timestamp with time zone not null,
    same_priority        boolean       not null,
    same_actions         boolean       not null,
    live_priority        varchar(4)    not null,
    shadow_priority      varchar(4),
    live_score           integer       not null,
    shadow_score         integer,
    live_actions_json    text          not null,
    shadow_actions_json  text,
    error                varchar(1000)
);
create index ix_ruleset_shadow_result_version on ruleset_shadow_result (shadow_version, evaluated_at);
