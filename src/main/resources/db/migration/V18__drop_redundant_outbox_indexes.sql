-- Issue #9: two outbox indexes repeat what another index already gives. ix_dispatch_outbox_action (V11_1) duplicates
-- the unique constraint on action_id (V7), and ix_dispatch_outbox_decision (V7) is the leading column of
-- ix_dispatch_outbox_decision_seq (V15). Outbox rows are inserted for most actions and updated as they are
-- dispatched, and those updates change indexed columns, so every index costs an entry per insert and per update.
drop index if exists ix_dispatch_outbox_action;
drop index if exists ix_dispatch_outbox_decision;
