import { parseActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import { type AppointmentEvent, listAppointmentEvents, listAppointments } from '../booking/appointments.js';
import { getUnit } from '../network/units.js';
import type { Db } from '../platform/db/connect.js';
import type { AppointmentStatus, NotificationKind } from '../platform/db/schema.js';
import { maskPhone } from '../platform/privacy/mask.js';
import { type Beneficiary, getBeneficiaryById } from '../registry/beneficiaries.js';

/**
 * Who acted, as a person may be told: themselves, their family's holder, the phone line, or staff
 * by role and account number. Staff names and e-mails are never part of it: the person learns that
 * an agent (account 12) read their record and can ask the institute about it, while the staff
 * member's own personal data stays theirs.
 */
export type AccessActor =
  | { kind: 'you' }
  | { kind: 'family' }
  | { kind: 'phone_line' }
  | { kind: 'staff'; role: string | null; id: string }
  | { kind: 'program'; role: string | null; id: string }
  | { kind: 'system' }
  | { kind: 'unknown' };

export interface MyData {
  person: Beneficiary & { unitName: string };
  appointments: {
    folio: string;
    service: string;
    unit: string;
    startsAt: Date;
    timeZone: string;
    status: AppointmentStatus;
    channel: string;
    history: (Omit<AppointmentEvent, 'actor' | 'fromSlotId' | 'toSlotId' | 'detail'> & {
      actor: AccessActor;
    })[];
  }[];
  notifications: {
    at: Date;
    kind: NotificationKind;
    /** The words sent; codes of sign-in messages are blanked, and null until a message is composed. */
    text: string | null;
    status: 'pending' | 'sent' | 'failed';
    /** The phone it went to, masked: for a family member it may be the holder's. */
    to: string;
  }[];
  /** Call-back requests left on the phone line while identified as them. */
  callbacks: { at: Date; reason: 'busy' | 'unanswered'; status: string; phone: string }[];
  /** Their sign-ins and attempts (portal codes, the phone line's identification), newest first. */
  signIns: Access[];
  /** The audit trail's entries about this person, newest first: sign-ins, reads, changes, refusals. */
  accesses: Access[];
}

export interface Access {
  at: Date;
  actor: AccessActor;
  action: string;
  channel: string;
  result: string;
}

const SIGN_IN_ACTIONS: ReadonlySet<string> = new Set(['web.sign_in', 'web.sign_in.code', 'ivr.identify']);

/** How many entries of each list are given; a person with more is told to ask for the rest (ARCO). */
export const MY_DATA_LIMIT = 500;

/** Everything Citas holds about one person, and nobody else. */
export async function collectMyData(db: Db, beneficiaryId: number): Promise<MyData> {
  const me = await getBeneficiaryById(db, beneficiaryId);
  const unit = await getUnit(db, me.unitClues);
  const roles = await actorRoles(db, beneficiaryId);
  const describe = (kind: string, id: string) => describeActor(kind, id, me, roles);

  const appointments = [];
  for (const a of await listAppointments(db, { beneficiaryIds: [me.id], limit: MY_DATA_LIMIT })) {
    const events = await listAppointmentEvents(db, a.id);
    appointments.push({
      folio: a.folio,
      service: a.service.name,
      unit: a.unit.name,
      startsAt: a.startsAt,
      timeZone: a.timeZone,
      status: a.status,
      channel: a.channel,
      history: events.map((e) => {
        const actor = parseActor(e.actor);
        return { at: e.at, action: e.action, channel: e.channel, actor: describe(actor.kind, actor.id) };
      }),
    });
  }
  const notifications = await db
    .selectFrom('notifications')
    .select(['created_at', 'kind', 'body', 'status', 'recipient'])
    .where('beneficiary_id', '=', me.id)
    .orderBy('id', 'desc')
    .limit(MY_DATA_LIMIT)
    .execute();
  const callbacks = await db
    .selectFrom('callback_requests')
    .select(['requested_at', 'reason', 'status', 'phone'])
    .where('beneficiary_id', '=', me.id)
    .orderBy('id', 'desc')
    .limit(MY_DATA_LIMIT)
    .execute();
  const audit = await db
    .selectFrom('audit_log')
    .select(['at', 'actor_kind', 'actor_id', 'action', 'channel', 'result'])
    .where('subject_beneficiary_id', '=', me.id)
    .orderBy('id', 'desc')
    .limit(MY_DATA_LIMIT)
    .execute();
  const accesses: Access[] = audit.map((e) => ({
    at: e.at,
    actor: describe(e.actor_kind, e.actor_id),
    action: e.action,
    channel: e.channel,
    result: e.result,
  }));
  return {
    person: { ...me, unitName: unit.name },
    appointments,
    notifications: notifications.map((n) => ({
      at: n.created_at,
      kind: n.kind,
      // A sign-in code's words are never stored (composed as it is sent).
      text: n.kind === 'otp' ? null : n.body,
      status: n.status,
      to: maskPhone(n.recipient),
    })),
    callbacks: callbacks.map((c) => ({
      at: c.requested_at,
      reason: c.reason,
      status: c.status,
      phone: maskPhone(c.phone),
    })),
    signIns: accesses.filter((a) => SIGN_IN_ACTIONS.has(a.action)),
    accesses,
  };
}

/** Seeing or downloading one's data is itself an access, and is recorded. */
export async function recordMyDataAccess(
  db: Db,
  beneficiaryId: number,
  how: 'page' | 'download',
  sourceIp: string | null,
): Promise<void> {
  await recordAudit(db, {
    actor: { kind: 'beneficiary', id: String(beneficiaryId) },
    action: how === 'page' ? 'my_data.view' : 'my_data.download',
    subjectBeneficiaryId: beneficiaryId,
    channel: 'web',
    sourceIp,
    result: 'ok',
  });
}

function describeActor(kind: string, id: string, me: Beneficiary, roles: Roles): AccessActor {
  switch (kind) {
    case 'beneficiary':
      if (id === String(me.id)) return { kind: 'you' };
      return id === String(me.holderId) ? { kind: 'family' } : { kind: 'unknown' };
    case 'ivr':
      return { kind: 'phone_line' };
    case 'staff':
      return { kind: 'staff', role: roles.staff.get(id) ?? null, id };
    case 'token':
      return { kind: 'program', role: roles.tokens.get(id) ?? null, id };
    case 'system':
      return { kind: 'system' };
    default:
      return { kind: 'unknown' };
  }
}

interface Roles {
  staff: Map<string, string>;
  tokens: Map<string, string>;
}

/** The roles of the staff accounts and tokens that appear in this person's trail, and only those. */
async function actorRoles(db: Db, beneficiaryId: number): Promise<Roles> {
  const actors = await db
    .selectFrom('audit_log')
    .select(['actor_kind', 'actor_id'])
    .distinct()
    .where('subject_beneficiary_id', '=', beneficiaryId)
    .where('actor_kind', 'in', ['staff', 'token'])
    .execute();
  const ids = (kind: string) =>
    actors
      .filter((a) => a.actor_kind === kind && /^[0-9]{1,15}$/.test(a.actor_id))
      .map((a) => Number(a.actor_id));
  const staffIds = ids('staff');
  const tokenIds = ids('token');
  const staff = staffIds.length
    ? await db.selectFrom('staff_accounts').select(['id', 'role']).where('id', 'in', staffIds).execute()
    : [];
  const tokens = tokenIds.length
    ? await db.selectFrom('api_tokens').select(['id', 'role']).where('id', 'in', tokenIds).execute()
    : [];
  return {
    staff: new Map(staff.map((s) => [String(s.id), s.role])),
    tokens: new Map(tokens.map((t) => [String(t.id), t.role])),
  };
}
