import { STAFF_ROLES } from '../../../identity/roles.js';
import type { StaffListing } from '../../../identity/staff-admin.js';
import {
  button,
  buttonLink,
  errorFor,
  errorSummary,
  type FieldError,
  postForm,
  radios,
  summaryList,
  textInput,
} from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { formatPast } from './format.js';
import type { ConsolePage } from './frame.js';

const ZONE = 'America/Mexico_City';
const t = CONSOLE.staff;

const roleName = (role: string) => CONSOLE.roles[role] ?? role;
const lastSignIn = (s: StaffListing) => (s.lastSignInAt ? formatPast(s.lastSignInAt, ZONE) : t.never);
const state = (s: StaffListing) =>
  s.active ? t.active : html`<strong class="tag tag--warning">${t.disabled}</strong>`;

function banner(done: string | undefined) {
  const text = done && t.done[done];
  return text ? html`<div class="panel" role="status"><p>${text}</p></div>` : '';
}

export function staffListPage(accounts: StaffListing[], done: string | undefined): ConsolePage {
  const c = t.columns;
  const rows = accounts.map(
    (s) => html`<tr>
<td>${s.name}</td>
<td class="wrap-anywhere">${s.email}</td>
<td>${roleName(s.role)}</td>
<td class="mono">${s.unitClues ?? t.national}</td>
<td>${state(s)}</td>
<td>${lastSignIn(s)}</td>
<td><a href="/consola/personal/${s.id}">${t.change}<span class="visually-hidden"> ${t.changeHidden(s.name)}</span></a></td>
</tr>`,
  );
  return {
    title: t.title,
    main: html`${banner(done)}
<h1>${t.title}</h1>
<p>${t.intro}</p>
<div class="button-group">${buttonLink('/consola/personal/nueva', t.create)}</div>
${
  accounts.length
    ? html`<div class="table-wrap"><table class="table">
<thead><tr><th scope="col">${c.name}</th><th scope="col">${c.email}</th><th scope="col">${c.role}</th><th scope="col">${c.unit}</th><th scope="col">${c.state}</th><th scope="col">${c.lastSignIn}</th><th scope="col"><span class="visually-hidden">${c.actions}</span></th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`
    : html`<p>${t.none}</p>`
}`,
  };
}

const roleOptions = STAFF_ROLES.map((role) => ({
  value: role,
  label: roleName(role),
  hint: t.roleHints[role],
}));

export interface StaffForm {
  name: string;
  email: string;
  role: string;
  unit: string;
}

export function createStaffPage(o: {
  csrfToken: string;
  form: StaffForm;
  errors: FieldError[];
  minPassword: number;
}): ConsolePage {
  const f = t.form;
  const { form, errors } = o;
  return {
    title: f.createTitle,
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 422 : 200,
    main: html`${errorSummary(errors)}
<h1>${f.createTitle}</h1>
${postForm({
  action: '/consola/personal',
  csrfToken: o.csrfToken,
  body: html`${textInput({ id: 'nombre', label: f.name, value: form.name, width: 'w-20', maxlength: 200, error: errorFor(errors, 'nombre'), autofocus: errors.length === 0 })}
${textInput({ id: 'correo', label: f.email, type: 'email', value: form.email, width: 'w-20', maxlength: 200, spellcheck: false, error: errorFor(errors, 'correo') })}
${radios({ name: 'rol', legend: f.role, options: roleOptions, checked: form.role || 'agent', error: errorFor(errors, 'rol') })}
${textInput({ id: 'unidad', label: f.unit, hint: f.unitHint, value: form.unit, width: 'w-20', maxlength: 11, uppercase: true, spellcheck: false, error: errorFor(errors, 'unidad') })}
${textInput({ id: 'clave', label: f.password, hint: f.passwordHint(o.minPassword), type: 'password', autocomplete: 'new-password', width: 'w-20', maxlength: 200, error: errorFor(errors, 'clave') })}
<div class="button-group">${button(f.submit)} <a href="/consola/personal">${f.cancel}</a></div>`,
})}`,
  };
}

/** Shown once, right after creation: a generated password is on this page and nowhere else. */
export function staffCreatedPage(account: StaffListing, generatedPassword: string | null): ConsolePage {
  const c = t.created;
  return {
    title: c.title,
    main: html`<div class="panel" role="status"><p>${c.title}</p>
${generatedPassword ? html`<p>${c.passwordShown}</p><span class="folio mono">${generatedPassword}</span>` : html`<p>${c.passwordGiven}</p>`}
</div>
<h1>${t.edit.title(account.name)}</h1>
${details(account)}
<p><a href="/consola/personal">${t.form.cancel}</a></p>`,
  };
}

function details(s: StaffListing) {
  const r = t.edit.rows;
  return summaryList([
    { key: r.email, value: s.email },
    { key: r.role, value: roleName(s.role) },
    { key: r.unit, value: s.unitClues ?? t.national },
    { key: r.state, value: state(s) },
    { key: r.lastSignIn, value: lastSignIn(s) },
    { key: r.created, value: formatPast(s.createdAt, ZONE) },
  ]);
}

export function editStaffPage(o: {
  account: StaffListing;
  csrfToken: string;
  isSelf: boolean;
  done?: string;
  form?: { role: string; unit: string };
  errors?: FieldError[];
}): ConsolePage {
  const e = t.edit;
  const { account } = o;
  const errors = o.errors ?? [];
  const form = o.form ?? { role: account.role, unit: account.unitClues ?? '' };
  const accessForm = o.isSelf
    ? html`<p>${e.self}</p>`
    : postForm({
        action: `/consola/personal/${account.id}/rol`,
        csrfToken: o.csrfToken,
        body: html`${radios({ name: 'rol', legend: t.form.role, options: roleOptions, checked: form.role, error: errorFor(errors, 'rol') })}
${textInput({ id: 'unidad', label: t.form.unit, hint: t.form.unitHint, value: form.unit, width: 'w-20', maxlength: 11, uppercase: true, spellcheck: false, error: errorFor(errors, 'unidad') })}
${button(t.form.save)}`,
      });
  const stateForm = o.isSelf
    ? ''
    : postForm({
        action: `/consola/personal/${account.id}/estado`,
        csrfToken: o.csrfToken,
        body: html`<input type="hidden" name="activa" value="${account.active ? 'no' : 'si'}">
${account.active ? html`<p class="hint">${e.disableHint}</p>${button(e.disable, 'warning')}` : button(e.enable, 'secondary')}`,
      });
  return {
    title: e.title(account.name),
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 422 : 200,
    main: html`${errorSummary(errors)}${banner(o.done)}
<h1>${e.title(account.name)}</h1>
${details(account)}
<h2>${e.accessTitle}</h2>
${accessForm}
${o.isSelf ? '' : html`<h2>${e.stateTitle}</h2>${stateForm}`}
<p><a href="/consola/personal">${t.form.cancel}</a></p>`,
  };
}
