-- Issue #9: V11_1 added these two indexes so that an entity's accumulated risk could join its alert_entity rows to
-- their decisions from indexes alone. Since V13 each alert_entity row carries its decision's score and nothing joins
-- the two any more: ix_alert_entity_risk serves the sum, and decision's unique constraint on alert_id serves the
-- look-ups by alert. Every stored alert still paid to maintain both, one entry per named entity and one per decision.
drop index if exists ix_alert_entity_alert;
drop index if exists ix_decision_alert_risk;
