-- One row per dedup fingerprint: the decision that currently holds it and when that decision was made. Its primary
-- key settles the race between two alerts with the same fingerprint that both find no open decision: only one of
-- them can open a decision inside the window; the other attaches to it.
create table dedup_claim (
    fingerprint  varchar(80)  not null,
    decision_id  uuid         not null references decision (id),
    decided_at   timestamp with time zone not null,
    constraint pk_dedup_claim primary key (fingerprint)
);
insert into dedup_claim (fingerprint, decision_id, decided_at)
select d.fingerprint, d.id, d.decided_at from decision d
where d.fingerprint is not null
  and not exists (select 1 from decision newer where newer.fingerprint = d.fingerprint
                  and (newer.decided_at > d.decided_at or newer.decided_at = d.decided_at and newer.id > d.id));
