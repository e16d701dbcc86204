-- A second factor for the console: a TOTP secret (RFC 6238) per account, encrypted by the
-- application when STAFF_TOTP_KEY is set, and the last time step accepted, so a code is never
-- accepted twice. A challenge ties a browser session that gave the right password to the account
-- until the code is typed (and, for a first enrolment, holds the secret being confirmed).

alter table staff_accounts
  add column totp_secret      text,
  add column totp_enrolled_at timestamptz,
  add column totp_last_step   bigint,
  add constraint staff_accounts_totp_enrolled check ((totp_secret is null) = (totp_enrolled_at is null));

create table staff_totp_challenges (
  session_hash    text primary key,
  staff_id        bigint not null references staff_accounts (id) on delete cascade,
  expires_at      timestamptz not null,
  pending_secret  text
);
