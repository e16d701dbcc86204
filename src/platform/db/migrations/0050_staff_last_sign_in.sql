-- The staff list shows when each account last signed in, so a national administrator can spot
-- accounts nobody uses any more and disable them.

alter table staff_accounts add column last_sign_in_at timestamptz;
