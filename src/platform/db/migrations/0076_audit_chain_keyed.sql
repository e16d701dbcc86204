-- The audit trail must survive its own database owner. Entries are never updated again, not even to
-- be sealed: seals live in their own append-only table (audit_seals), one per entry, chained by an
-- HMAC whose key (AUDIT_CHAIN_KEY) the database never sees. The application role may only INSERT
-- and SELECT both tables. Every new entry is queued for sealing (audit_pending) by a trigger in the
-- same transaction, so an entry that is neither sealed nor queued was cut out of the chain.
-- The former unkeyed SHA-256 chain proved nothing against the owner: every entry is sealed again,
-- in id order, into the keyed chain.

create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end
$$;

drop index audit_log_unsealed;
alter table audit_log drop column chain_seq, drop column prev_hash, drop column hash;

create table audit_seals (
  chain_seq  bigint primary key check (chain_seq > 0),
  audit_id   bigint not null unique,
  prev_hash  text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash       text not null check (hash ~ '^[0-9a-f]{64}$'),
  sealed_at  timestamptz not null default now()
);
create trigger audit_seals_no_update before update on audit_seals
  for each row execute function audit_log_append_only();
create trigger audit_seals_no_delete before delete on audit_seals
  for each row execute function audit_log_append_only();
create trigger audit_seals_no_truncate before truncate on audit_seals
  for each statement execute function audit_log_append_only();

create table audit_pending (id bigint primary key);
insert into audit_pending (id) select id from audit_log;

create function audit_log_queue_for_sealing() returns trigger language plpgsql as $$
begin
  insert into audit_pending (id) values (new.id);
  return null;
end
$$;
create trigger audit_log_queue_for_sealing after insert on audit_log
  for each row execute function audit_log_queue_for_sealing();
