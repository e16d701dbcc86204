-- The state of each telephone call in progress, keyed by the platform's call id, so any server
-- process can answer the next step and a restart mid-call loses nothing. `seq` numbers the steps:
-- a step is saved only over the state it was computed from, so a retried or duplicated webhook
-- cannot apply the same keypress twice. Rows end with the call or expire soon after its last step.

create table phone_calls (
  call_id        text primary key check (length(call_id) between 1 and 100),
  platform       text not null check (platform in ('twiml', 'vxml')),
  caller         text check (caller ~ '^[0-9]{10}$'),
  seq            integer not null check (seq >= 0),
  state          jsonb not null,
  -- Set while the call is handed to the agent line: these are the callers waiting for an agent.
  waiting_since  timestamptz,
  started_at     timestamptz not null,
  updated_at     timestamptz not null,
  expires_at     timestamptz not null
);
create index phone_calls_expiry on phone_calls (expires_at);
create index phone_calls_waiting on phone_calls (expires_at) where waiting_since is not null;
