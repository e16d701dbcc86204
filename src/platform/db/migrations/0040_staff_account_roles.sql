-- Console accounts take the same roles as API tokens (see 0008_staff_roles.sql).

alter table staff_accounts drop constraint staff_accounts_role_check;
update staff_accounts set role = 'national_admin' where role = 'admin';
alter table staff_accounts add constraint staff_accounts_role_check
  check (role in ('agent', 'reception', 'unit_admin', 'national_admin', 'auditor'));
alter table staff_accounts add constraint staff_accounts_unit_scope_check
  check (role not in ('reception', 'unit_admin') or unit_clues is not null);
