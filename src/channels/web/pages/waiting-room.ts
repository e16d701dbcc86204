import type { Unit } from '../../../network/units.js';
import {
  button,
  buttonLink,
  dateInput,
  errorSummary,
  type FieldError,
  postForm,
  textInput,
} from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { formatDateTime, formatTime } from '../../../platform/i18n/dates.js';
import { QUEUE } from '../../../platform/i18n/waiting-room-messages.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import type { ReleaseOverview } from '../../../waiting-room/overview.js';
import type { WaitingPlace } from '../../../waiting-room/places.js';
import { takesPlaces } from '../../../waiting-room/policy.js';
import type { SignInValues } from '../sign-in-form.js';
import { type PortalPage, paragraphs } from './frame.js';
import { problemPage } from './problem.js';

export const releasePath = (unitClues: string, serviceCode: string) =>
  `/fila/${unitClues}/${encodeURIComponent(serviceCode)}`;
export const placePath = (token: string) => `/fila/lugar/${token}`;

/** The states, or one state's units with a link per service. */
export function releasesListPage(
  states: readonly { code: string; name: string }[],
  units: readonly Unit[] | null,
  serviceNames: ReadonlyMap<string, string>,
): PortalPage {
  const t = QUEUE.list;
  const body =
    units === null
      ? html`<h2>${t.chooseState}</h2>
<ul class="list-columns">${states.map((s) => html`<li><a href="/fila?estado=${s.code}">${s.name}</a></li>`)}</ul>`
      : html`<h2>${t.chooseUnit}</h2>
${units.length === 0 ? html`<p>${t.noUnits}</p>` : ''}
${units.map(
  (u) => html`<h3>${u.name}</h3>
<ul>${u.services.map((code) => html`<li><a href="${releasePath(u.clues, code)}">${serviceNames.get(code) ?? code}</a></li>`)}</ul>`,
)}
<p><a href="/fila">${t.otherState}</a></p>`;
  return { title: t.title, main: html`<h1>${t.title}</h1><p>${t.lead}</p>${body}` };
}

/** A unit's service: when it opens, and the form to take a place while the line takes them. */
export function releasePage(
  o: ReleaseOverview & { csrfToken: string; values: SignInValues; errors: FieldError[] },
): PortalPage {
  const t = QUEUE.release;
  const zone = o.unit.timeZone;
  const release = o.release;
  const open = release !== undefined && takesPlaces(release.phase, o.policy);
  const when = (at: Date) => formatDateTime(at, zone);
  let status: ReturnType<typeof html>;
  if (!release) status = html`<p>${t.none}</p>`;
  else if (o.policy.mode === 'race')
    status = html`<p>${t.opensAt(when(release.opensAt))}</p><p>${t.race}</p>`;
  else if (o.policy.mode === 'allocate') status = html`<p>${t.allocate}</p>`;
  else if (release.phase === 'before') {
    const from = new Date(release.opensAt.getTime() - o.policy.preWindowMinutes * 60_000);
    status = html`<p>${t.opensAt(when(release.opensAt))}</p><p>${t.notYet(when(from))}</p>`;
  } else if (release.phase === 'pre-window')
    status = html`<p>${t.opensAt(when(release.opensAt))}</p><p>${t.preWindow(`A las ${formatTime(release.opensAt, zone)}`)}</p>`;
  else status = html`<p>${t.rush}</p>`;
  const held =
    o.heldTokens.length > 0
      ? html`<h2>${t.yourPlaces}</h2>
<ul>${o.heldTokens.map((token, i) => html`<li><a href="${placePath(token)}">${t.placeLink(i + 1)}</a></li>`)}</ul>`
      : '';
  const form = open
    ? html`<h2>${t.formTitle}</h2>
<p>${t.formIntro}</p>
${postForm({
  action: releasePath(o.unit.clues, o.service.code),
  csrfToken: o.csrfToken,
  body: html`${textInput({
    id: 'curp',
    label: WEB.signIn.curpLabel,
    hint: WEB.signIn.curpHint,
    value: o.values.curp,
    error: o.errors.find((e) => e.field === 'curp')?.message,
    width: 'w-20',
    maxlength: 30,
    spellcheck: false,
    uppercase: true,
  })}
${dateInput({
  id: 'nacimiento',
  legend: WEB.signIn.birthLegend,
  hint: WEB.signIn.birthHint,
  value: o.values,
  error: o.errors.find((e) => e.field === 'nacimiento')?.message,
  autocompletePrefix: 'bday',
})}
${button(t.submit)}`,
})}`
    : o.policy.mode === 'race' || !release || release.phase === 'after'
      ? buttonLink('/entrar', t.start, 'secondary')
      : '';
  const title = t.title(o.service.name);
  return {
    title,
    hasErrors: o.errors.length > 0,
    status: o.errors.length > 0 ? 422 : 200,
    main: html`${errorSummary(o.errors)}
<h1>${title}</h1>
<p>${t.unit(o.unit.name)}</p>
${status}
${held}
${form}`,
  };
}

/** The waiting page: where the place stands and what happens next, in plain words. */
export function placePage(
  p: WaitingPlace & {
    token: string;
    csrfToken: string;
    refreshSeconds: number;
    refreshing: boolean;
    signedIn: boolean;
  },
): PortalPage {
  const t = QUEUE.place;
  const v = p.view;
  const self = placePath(p.token);
  const refreshNote = p.refreshing
    ? html`<p>${t.refreshing(p.refreshSeconds)} <a href="${self}?actualizar=no">${t.stopRefreshing}</a></p>`
    : html`<p>${t.stopped}</p>`;
  const keep = html`<p>${t.next(p.policy.passMinutes)}</p>
<p>${t.keep(p.policy.passMinutes)}</p>
${refreshNote}
${buttonLink(p.refreshing ? self : `${self}?actualizar=no`, t.refreshNow, 'secondary')}`;
  switch (v.state) {
    case 'pending':
      return {
        title: t.pending.title,
        main: html`<h1>${t.pending.title}</h1>
<p>${t.pending.drawAt(`A las ${formatTime(v.opensAt, p.timeZone)}`)}</p>
<p>${t.pending.count(v.waitingTotal)}</p>
${keep}`,
      };
    case 'waiting':
      return {
        title: t.waiting.title(v.position),
        main: html`<h1>${t.waiting.title(v.position)}</h1>
<p>${t.waiting.ahead(v.ahead)}</p>
<p>${t.waiting.wait(v.waitMinutes)}</p>
${v.mayRunOut ? html`<div class="inset">${t.waiting.mayRunOut(v.slotsLeft)}</div>` : ''}
${keep}`,
      };
    case 'admitted':
      return {
        title: t.admitted.title,
        main: html`<h1>${t.admitted.title}</h1>
<p><strong>${t.admitted.until(formatTime(v.passExpiresAt, p.timeZone))}</strong></p>
<p>${t.admitted.how}</p>
${buttonLink(p.signedIn ? '/cita' : '/entrar', p.signedIn ? t.admitted.signedIn : t.admitted.go)}`,
      };
    case 'used':
      return {
        title: t.used.title,
        main: html`<h1>${t.used.title}</h1><p>${t.used.body}</p>${buttonLink('/citas', t.used.mine)}`,
      };
    case 'expired':
      return {
        title: t.expired.title,
        main: html`<h1>${t.expired.title}</h1>
<p>${t.expired.body}</p>
${postForm({ action: `${self}/volver`, csrfToken: p.csrfToken, body: button(t.expired.again) })}`,
      };
    case 'closed':
      return {
        title: t.closed.title,
        main: html`<h1>${t.closed.title}</h1>
${paragraphs(t.closed.body)}
${buttonLink(releasePath(p.unitClues, p.serviceCode), t.back, 'secondary')}`,
      };
  }
}

/** A release's new slot without a turn: the way in is the line. */
export function passRequiredPage(queueHref: string): PortalPage {
  const t = QUEUE.problems.passRequired;
  return problemPage({
    status: 409,
    code: 'PASS_REQUIRED',
    title: t.title,
    body: t.body,
    next: buttonLink(queueHref, t.queue),
  });
}

/** A confirm that skipped the review: the review page of that slot is one click away. */
export function reviewRequiredPage(reviewHref: string): PortalPage {
  const t = QUEUE.problems.reviewRequired;
  return problemPage({
    status: 409,
    code: 'REVIEW_REQUIRED',
    title: t.title,
    body: t.body,
    next: buttonLink(reviewHref, t.review),
  });
}
