-- Cookie sessions for the browser channels (beneficiary portal, staff console). The cookie carries a
-- random secret; only its SHA-256 is stored, so a copy of this table opens no session. A session
-- starts anonymous (it carries the CSRF token of the sign-in forms) and is replaced by a new one,
-- with a new secret and token, when someone signs in.

create table web_sessions (
  id_hash       text primary key check (id_hash ~ '^[0-9a-f]{64}$'),
  subject_kind  text check (subject_kind in ('beneficiary', 'staff')),
  subject_id    text,
  csrf_token    text not null check (length(csrf_token) >= 32),
  created_at    timestamptz not null,
  last_seen_at  timestamptz not null,
  -- The absolute end; inactivity is judged from last_seen_at by the reader.
  expires_at    timestamptz not null,
  check ((subject_kind is null) = (subject_id is null)),
  check (expires_at > created_at)
);
create index web_sessions_expiry on web_sessions (expires_at);
create index web_sessions_subject on web_sessions (subject_kind, subject_id) where subject_kind is not null;
