-- The audit trail: who did what to whose record, when, through which channel, from where, and how
-- it ended. Append-only: the database refuses UPDATE, DELETE and TRUNCATE, except the one-time
-- sealing of a row into the hash chain (chain_seq, prev_hash, hash), which makes tampering by
-- anyone who bypasses the trigger detectable (`citas audit verify`).

create table audit_log (
  id                      bigint generated always as identity primary key,
  at                      timestamptz not null default now(),
  actor_kind              text not null check (actor_kind in ('staff', 'token', 'beneficiary', 'ivr', 'system')),
  actor_id                text not null,
  action                  text not null,
  subject_beneficiary_id  bigint,
  unit_clues              text,
  channel                 text not null,
  source_ip               text,
  result                  text not null check (result in ('ok', 'refused', 'failed')),
  detail                  jsonb not null default '{}',
  chain_seq               bigint unique,
  prev_hash               text,
  hash                    text
);
create index audit_log_subject on audit_log (subject_beneficiary_id, at) where subject_beneficiary_id is not null;
create index audit_log_actor on audit_log (actor_kind, actor_id, at);
create index audit_log_at on audit_log (at);
create index audit_log_unsealed on audit_log (id) where hash is null;

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE'
     and old.hash is null and new.hash is not null and new.chain_seq is not null
     and (new.id, new.at, new.actor_kind, new.actor_id, new.action, new.subject_beneficiary_id,
          new.unit_clues, new.channel, new.source_ip, new.result, new.detail)
         is not distinct from
         (old.id, old.at, old.actor_kind, old.actor_id, old.action, old.subject_beneficiary_id,
          old.unit_clues, old.channel, old.source_ip, old.result, old.detail) then
    return new;
  end if;
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_log_no_update before update on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_delete before delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
