-- No table may reveal a live sign-in code. A code is derived, when the SMS is handed to the gateway,
-- from the sign-in's salt and send number with a key the database never sees (SIGN_IN_CODE_KEY); the
-- outbox row only names the sign-in and which send it is, and sign_in_codes keeps a keyed hash (a
-- salted hash of 6 digits beside its salt is read back by trying all million codes).

alter table notifications add column sign_in_code_id bigint references sign_in_codes (id) on delete set null;
alter table notifications add column code_send smallint check (code_send between 1 and 3);
create index notifications_sign_in_code on notifications (sign_in_code_id) where sign_in_code_id is not null;

-- Codes written in clear before this migration are erased; one not yet sent could never work now.
update notifications
   set body = null,
       status = case when status = 'pending' then 'failed' else status end,
       last_error = case when status = 'pending' then 'code erased at upgrade' else last_error end
 where kind = 'otp';
update sign_in_codes set consumed_at = coalesce(consumed_at, now());
alter table notifications drop column printable;

alter table notifications drop constraint notifications_body_or_appointment;
alter table notifications add constraint notifications_composed_at_delivery check (
  case when kind = 'otp' then body is null
       else body is not null or appointment_id is not null end);
