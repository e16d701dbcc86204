-- Staff roles of the trust model: phone agents, unit reception, unit administrators, national
-- administrators and auditors. Unit-scoped roles must name their unit.

alter table api_tokens drop constraint api_tokens_role_check;
update api_tokens set role = 'national_admin' where role = 'admin';
alter table api_tokens add constraint api_tokens_role_check
  check (role in ('agent', 'reception', 'unit_admin', 'national_admin', 'auditor'));
alter table api_tokens add constraint api_tokens_unit_scope_check
  check (role not in ('reception', 'unit_admin') or unit_clues is not null);
