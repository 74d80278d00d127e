-- An entity's accumulated risk (EntityHistory) is read on every alert that names the entity. It joined the entity's
-- alert_entity rows to their decisions: one random look-up per earlier alert, hundreds for an often-named host, and
-- under load the most expensive statement of a decision (benchmark of issue #9: 15 to 600 ms each at 30 alerts/s).
-- Each row now carries what its alert's decision added to the entity, written once with the row, so the sum reads one
-- index range. Null when the alert's decision was suppressed or the alert was attached to an earlier decision.
alter table alert_entity add column decided_at timestamp with time zone;
alter table alert_entity add column risk_score integer;

update alert_entity set
    decided_at = (select d.decided_at from decision d where d.alert_id = alert_entity.alert_id and d.suppression_id is null),
    risk_score = (select d.risk_score from decision d where d.alert_id = alert_entity.alert_id and d.suppression_id is null);

create index ix_alert_entity_risk on alert_entity (kind, entity, decided_at, risk_score);
-- the join this replaces
drop index ix_decision_alert_risk;
