-- One-time sign-in codes of the web portal. A code is bound to the browser session that asked for it
-- and to one person; only a salted hash is kept. The database caps the guesses: an attempt is
-- counted by a conditional UPDATE before the code is compared, so concurrent guesses cannot pass 5.

create table sign_in_codes (
  id              bigint generated always as identity primary key,
  session_hash    text not null references web_sessions (id_hash) on delete cascade,
  beneficiary_id  bigint not null references beneficiaries (id),
  salt            text not null,
  code_hash       text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  created_at      timestamptz not null,
  expires_at      timestamptz not null,
  last_sent_at    timestamptz not null,
  sends           smallint not null default 1 check (sends between 1 and 3),
  attempts        smallint not null default 0 check (attempts between 0 and 5),
  consumed_at     timestamptz,
  check (expires_at > created_at)
);
create index sign_in_codes_session on sign_in_codes (session_hash);
create index sign_in_codes_person on sign_in_codes (beneficiary_id, created_at);
