-- Anti-hoarding: besides one open appointment per service (a unique index), a person holds at most
-- booking_policy.max_open_appointments appointments still to come across all services, so one
-- identity cannot sit on places in every service at once. Operators change the cap with
-- `update booking_policy set max_open_appointments = …`.
create table booking_policy (
  only_row boolean primary key default true check (only_row),
  max_open_appointments integer not null check (max_open_appointments between 1 and 50)
);
insert into booking_policy (max_open_appointments) values (5);

create function enforce_open_appointment_cap() returns trigger language plpgsql as $$
declare
  cap integer;
  held integer;
begin
  -- Locks the person's row so that their concurrent bookings queue here; each statement of a
  -- plpgsql function takes a fresh snapshot, so the count below sees what the previous one
  -- committed. NO KEY UPDATE leaves foreign-key checks on the row unblocked.
  perform 1 from beneficiaries where id = new.beneficiary_id for no key update;
  select max_open_appointments into cap from booking_policy;
  select count(*) into held from appointments
    where beneficiary_id = new.beneficiary_id and is_open and starts_at > now();
  if held >= cap then
    raise exception 'open appointment cap of % reached', cap
      using errcode = 'check_violation', constraint = 'appointments_open_cap';
  end if;
  return new;
end
$$;

create trigger appointments_open_cap before insert on appointments
  for each row execute function enforce_open_appointment_cap();
