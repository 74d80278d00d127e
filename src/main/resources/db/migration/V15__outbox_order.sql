-- A requester hears about one decision in the order things happened (issue #5 follow-up): a callback is not sent
-- while an earlier callback of the same decision is still on its way (queued, being sent, or waiting to retry).
-- created_at cannot order them (rows of one instant tie), so every row takes a number from a sequence when inserted.
create sequence dispatch_outbox_seq;
alter table dispatch_outbox add column seq bigint;
update dispatch_outbox set seq = nextval('dispatch_outbox_seq');
alter table dispatch_outbox alter column seq set default nextval('dispatch_outbox_seq');
alter table dispatch_outbox alter column seq set not null;
create index ix_dispatch_outbox_decision_seq on dispatch_outbox (decision_id, kind, seq);
