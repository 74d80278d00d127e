-- Approvals: each action's effective gate, approval requests and their votes, the kill switch, and the rows that
-- serialise blast-radius budget checks. Written to run unchanged on PostgreSQL and on H2 in PostgreSQL mode.

alter table decision_action add column gate varchar(20);
alter table decision_action add column approval_id uuid;
alter table decision_action add column assumptions_json text;
alter table decision_action add column notes_json text;
create index ix_decision_action_type on decision_action (action_type, gate);

-- One request per gated action (a changed action voids its request and gets a new one: replaced_by).
-- status: pending, approved, rejected, expired, void.
create table approval_request (
    id                  uuid          primary key,
    decision_id         uuid          not null references decision (id),
    action_id           uuid          not null references decision_action (id),
    status              varchar(12)   not null,
    action_type         varchar(60)   not null,
    target              varchar(400)  not null,
    gate                varchar(20)   not null,
    required_approvals  integer       not null,
    approvals           integer       not null,
    policy_rule         varchar(120)  not null,
    approver_group      varchar(100)  not null,
    escalation_group    varchar(100),
    digest              varchar(80)   not null,
    ruleset_version     varchar(80)   not null,
    created_at          timestamp with time zone not null,
    deadline            timestamp with time zone not null,
    escalated_at        timestamp with time zone,
    resolved_at         timestamp with time zone,
    resolution          varchar(2000),
    replaced_by         uuid
);
create index ix_approval_request_due on approval_request (status, deadline, id);
create index ix_approval_request_action on approval_request (action_id);
create index ix_approval_request_decision on approval_request (decision_id);

-- One vote per principal per request, numbered in the order cast; verdict: approve or reject (a rejection's
-- comment is its reason).
create table approval_vote (
    id               uuid          primary key,
    approval_id      uuid          not null references approval_request (id),
    seq              integer       not null,
    verdict          varchar(10)   not null,
    principal_kind   varchar(20)   not null,
    principal_id     varchar(200)  not null,
    principal_name   varchar(200)  not null,
    comment          varchar(2000),
    digest           varchar(80)   not null,
    voted_at         timestamp with time zone not null,
    constraint uq_approval_vote_principal unique (approval_id, principal_kind, principal_id),
    constraint uq_approval_vote_seq unique (approval_id, seq)
);

-- The global kill switch: one row. Engaged, every new action waits for approval.
create table kill_switch (
    id               integer       primary key,
    engaged          boolean       not null,
    reason           varchar(1000),
    changed_at       timestamp with time zone,
    changed_by_kind  varchar(20),
    changed_by_id    varchar(200),
    changed_by_name  varchar(200),
    constraint ck_kill_switch_single check (id = 1)
);
insert into kill_switch (id, engaged) values (1, false);

-- One row per action type with a budget, locked while an automatic action of that type is counted against it, so
-- decisions racing on several replicas cannot both take the last unit.
create table approval_budget (
    action_type      varchar(60)   primary key
);
