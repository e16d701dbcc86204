-- The review page ("Revisa los datos") issues the key its confirm form posts: a booking from the
-- portal must come through the review of that slot for that person in that browser session, not
-- straight from a list of alternatives. Rows older than an hour are purged by the server.

create table booking_reviews (
  key            uuid primary key,
  session_hash   text not null check (session_hash ~ '^[0-9a-f]{64}$'),
  beneficiary_id bigint not null references beneficiaries (id),
  slot_id        bigint not null references slots (id),
  created_at     timestamptz not null
);
create index booking_reviews_age on booking_reviews (created_at);
