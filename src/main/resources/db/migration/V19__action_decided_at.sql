-- Issue #9: the blast-radius budget counts a type's automatic actions decided in the last window. It joined
-- decision_action to decision for the decision time, and PostgreSQL, which estimates (action type, gate) as if the
-- two were independent, expected thousands of automatic isolate-host actions where there were five: it hashed every
-- decision of the window, 13 ms per count in a flood, growing with the window's decisions. Each action now carries
-- its decision's time, and one index holds all three columns the count filters on, so the count reads only the
-- entries it counts. The new index starts with the old one's columns and replaces it.
alter table decision_action add column decided_at timestamp with time zone;
update decision_action a set decided_at = (select d.decided_at from decision d where d.id = a.decision_id);
alter table decision_action alter column decided_at set not null;
create index ix_decision_action_budget on decision_action (action_type, gate, decided_at);
drop index if exists ix_decision_action_type;
