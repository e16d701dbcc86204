// The database side of a consultorio's virtual queue: load the day, call the next person who
// arrived (once, whichever screen clicks first), record a no-show, queue the "ven ahora" SMS.
import { sql } from 'kysely';
import { localToday } from '../agenda/slot-plan.js';
import { parseActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import { formatFolio } from '../booking/folio.js';
import { isAllowed, staffRefusal } from '../identity/roles.js';
import { enqueueSms } from '../notify/outbox.js';
import type { Db } from '../platform/db/connect.js';
import { SMS } from '../platform/i18n/sms-messages.js';
import { getBeneficiaryById } from '../registry/beneficiaries.js';
import { phoneForNotices } from '../registry/notice-phone.js';
import type { ReceptionActor } from './arrivals.js';
import { ReceptionError } from './errors.js';
import {
  comeNowDue,
  paceMinutes,
  type QueueEntry,
  type QueuePolicy,
  type QueueView,
  viewQueue,
} from './queue.js';

const DEFAULT_SLOT_MINUTES = 20;

export interface Consultorio {
  id: number;
  name: string;
  unitClues: string;
  unitName: string;
  timeZone: string;
}

export interface CalledPerson {
  appointmentId: string;
  folio: string;
  calledAt: Date;
  status: 'attended' | 'no_show';
}

export interface ConsultorioDay {
  consultorio: Consultorio;
  view: QueueView;
  pace: number;
  /** Today's calls, latest first. */
  called: CalledPerson[];
}

export async function getConsultorio(db: Db, resourceId: number): Promise<Consultorio> {
  const row = await db
    .selectFrom('resources as r')
    .innerJoin('units as u', 'u.clues', 'r.unit_clues')
    .select(['r.id', 'r.name', 'r.unit_clues', 'u.name as unit_name', 'u.time_zone'])
    .where('r.id', '=', resourceId)
    .where('r.kind', '=', 'consultorio')
    .executeTakeFirst();
  if (!row) throw new ReceptionError('CONSULTORIO_NOT_FOUND', 'no such consultorio');
  return {
    id: row.id,
    name: row.name,
    unitClues: row.unit_clues,
    unitName: row.unit_name,
    timeZone: row.time_zone,
  };
}

/** The unit's consultorios that have appointments today, for the counter's list. */
export async function consultoriosOf(db: Db, unitClues: string): Promise<Pick<Consultorio, 'id' | 'name'>[]> {
  return db
    .selectFrom('resources')
    .select(['id', 'name'])
    .where('unit_clues', '=', unitClues)
    .where('kind', '=', 'consultorio')
    .where('active', '=', true)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

function assertMayWork(who: ReceptionActor, consultorio: Consultorio) {
  if (!isAllowed(who.staff, 'arrival.record', consultorio.unitClues))
    throw staffRefusal(who.staff, 'arrival.record', {
      unitClues: consultorio.unitClues,
      subjectBeneficiaryId: null,
      audited: false,
    });
}

/** Today's appointments of the consultorio, still to be called and already called. */
async function loadDay(db: Db, consultorio: Consultorio, now: Date) {
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('slots as s', 's.id', 'a.slot_id')
    .select([
      'a.id',
      'a.folio',
      'a.status',
      'a.starts_at',
      'a.ends_at',
      'a.checked_in_at',
      'a.called_at',
      'a.come_now_sent_at',
      'a.beneficiary_id',
    ])
    .where('s.resource_id', '=', consultorio.id)
    .where('s.local_date', '=', localToday(now, consultorio.timeZone))
    .where('a.status', 'in', ['booked', 'attended', 'no_show'])
    // Appointments a closure or absence took away wait on the worklist, not in this line.
    .where('a.needs_rebooking', '=', false)
    .orderBy('a.starts_at')
    .execute();
  const waiting: (QueueEntry & { beneficiaryId: number })[] = rows
    .filter((r) => r.status === 'booked')
    .map((r) => ({
      appointmentId: r.id,
      folio: r.folio,
      startsAt: r.starts_at,
      checkedInAt: r.checked_in_at,
      comeNowSent: r.come_now_sent_at !== null,
      beneficiaryId: r.beneficiary_id,
    }));
  const called = rows
    .filter((r): r is typeof r & { called_at: Date; status: 'attended' | 'no_show' } => r.called_at !== null)
    .map((r) => ({ appointmentId: r.id, folio: r.folio, calledAt: r.called_at, status: r.status }))
    .sort((a, b) => b.calledAt.getTime() - a.calledAt.getTime());
  const first = rows[0];
  const slotMinutes = first
    ? Math.round((first.ends_at.getTime() - first.starts_at.getTime()) / 60_000)
    : DEFAULT_SLOT_MINUTES;
  return { waiting, called, slotMinutes };
}

/** The consultorio's line now, with expected call times (read-only). */
export async function consultorioDay(
  db: Db,
  input: { resourceId: number; policy: QueuePolicy } & ReceptionActor,
  now: Date,
): Promise<ConsultorioDay> {
  const consultorio = await getConsultorio(db, input.resourceId);
  assertMayWork(input, consultorio);
  const { waiting, called, slotMinutes } = await loadDay(db, consultorio, now);
  const pace = paceMinutes(
    called.map((c) => c.calledAt),
    slotMinutes,
  );
  const view = viewQueue(waiting, { now, pace, toleranceMinutes: input.policy.lateToleranceMinutes });
  return { consultorio, view, pace, called };
}

/**
 * Calls the next person who arrived, in the line's order, and records them attended. The row is
 * claimed with FOR UPDATE SKIP LOCKED, so two screens clicking at once call two different people
 * (or one, and the other hears the line is empty), never the same person twice. The "ven ahora"
 * SMS for the people the call brought close is queued in the same transaction.
 */
export async function callNext(
  db: Db,
  input: { resourceId: number; policy: QueuePolicy } & ReceptionActor,
  now: Date,
): Promise<CalledPerson> {
  const consultorio = await getConsultorio(db, input.resourceId);
  assertMayWork(input, consultorio);
  const today = localToday(now, consultorio.timeZone);
  const tolerance = input.policy.lateToleranceMinutes;
  return db.transaction().execute(async (trx) => {
    const called = await sql<{ id: string; folio: string; beneficiary_id: number }>`
      with next as (
        select a.id
        from appointments a
        join slots s on s.id = a.slot_id
        where s.resource_id = ${consultorio.id} and s.local_date = ${today}
          and a.status = 'booked' and a.checked_in_at is not null and a.called_at is null
        order by
          case when a.checked_in_at > a.starts_at + interval '1 minute' * ${tolerance}
            then a.checked_in_at else a.starts_at end,
          a.starts_at, a.id
        limit 1
        for update of a skip locked
      )
      update appointments set
        called_at = ${now}, called_by = ${input.actor}, status = 'attended', is_open = false,
        updated_at = ${now}, updated_by = ${input.actor}
      from next
      where appointments.id = next.id and appointments.status = 'booked'
      returning appointments.id, appointments.folio, appointments.beneficiary_id`.execute(trx);
    const person = called.rows[0];
    if (!person) throw new ReceptionError('QUEUE_EMPTY', 'nobody who arrived is waiting');
    await trx
      .insertInto('appointment_events')
      .values({
        appointment_id: person.id,
        at: now,
        action: 'attended',
        actor: input.actor,
        channel: 'counter',
      })
      .execute();
    await recordAudit(trx, {
      actor: parseActor(input.actor),
      action: 'appointment.call',
      subjectBeneficiaryId: person.beneficiary_id,
      unitClues: consultorio.unitClues,
      channel: 'console',
      sourceIp: input.sourceIp,
      result: 'ok',
      detail: { appointment: person.id, consultorio: consultorio.id },
    });
    await sendComeNow(trx, consultorio, input.policy, now);
    return { appointmentId: person.id, folio: person.folio, calledAt: now, status: 'attended' as const };
  });
}

/** Queues "ven ahora" for whoever the line now brings within the configured places, once each. */
async function sendComeNow(trx: Db, consultorio: Consultorio, policy: QueuePolicy, now: Date) {
  const { waiting, called, slotMinutes } = await loadDay(trx, consultorio, now);
  const pace = paceMinutes(
    called.map((c) => c.calledAt),
    slotMinutes,
  );
  const view = viewQueue(waiting, { now, pace, toleranceMinutes: policy.lateToleranceMinutes });
  const byId = new Map(waiting.map((w) => [w.appointmentId, w]));
  for (const due of comeNowDue(view, policy.comeNowPlaces)) {
    const claimed = await trx
      .updateTable('appointments')
      .set({ come_now_sent_at: now })
      .where('id', '=', due.appointmentId)
      .where('come_now_sent_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    const beneficiaryId = byId.get(due.appointmentId)?.beneficiaryId;
    if (!claimed || beneficiaryId === undefined) continue;
    const phone = await phoneForNotices(trx, await getBeneficiaryById(trx, beneficiaryId));
    if (!phone) continue;
    const place = view.line.find((p) => p.entry.appointmentId === due.appointmentId);
    await enqueueSms(trx, {
      recipient: phone,
      beneficiaryId,
      kind: 'notice',
      body: SMS.comeNow({
        folio: formatFolio(due.folio),
        ahead: (place?.position ?? 1) - 1,
        consultorio: consultorio.name,
        unitName: consultorio.unitName,
        expectedAt: place?.expectedAt ?? now,
        timeZone: consultorio.timeZone,
      }),
    });
  }
}

/** The person called did not come in: the appointment is recorded as a no-show instead. */
export async function markNoShow(
  db: Db,
  input: { resourceId: number; appointmentId: string } & ReceptionActor,
  now: Date,
): Promise<void> {
  const consultorio = await getConsultorio(db, input.resourceId);
  assertMayWork(input, consultorio);
  await db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('appointments')
      .set({ status: 'no_show', updated_at: now, updated_by: input.actor })
      .where('id', '=', input.appointmentId)
      .where('status', '=', 'attended')
      .where('called_at', 'is not', null)
      .where('unit_clues', '=', consultorio.unitClues)
      .where('slot_id', 'in', (eb) =>
        eb.selectFrom('slots as s').select('s.id').where('s.resource_id', '=', consultorio.id),
      )
      .returning('beneficiary_id')
      .executeTakeFirst();
    if (!marked) throw new ReceptionError('NOT_CALLED', 'that person was not called at this consultorio');
    await trx
      .insertInto('appointment_events')
      .values({
        appointment_id: input.appointmentId,
        at: now,
        action: 'no_show',
        actor: input.actor,
        channel: 'counter',
      })
      .execute();
    await recordAudit(trx, {
      actor: parseActor(input.actor),
      action: 'appointment.no_show',
      subjectBeneficiaryId: marked.beneficiary_id,
      unitClues: consultorio.unitClues,
      channel: 'console',
      sourceIp: input.sourceIp,
      result: 'ok',
      detail: { appointment: input.appointmentId, consultorio: consultorio.id },
    });
  });
}

/** The waiting room's screen: today's latest calls at the unit — folio and consultorio, nothing else. */
export async function latestCalls(
  db: Db,
  unitClues: string,
  now: Date,
  limit = 8,
  /** One screen per group of consultorios (a floor, a wing): only their calls; all when absent. */
  consultorios?: readonly number[],
): Promise<{ folio: string; consultorio: string; calledAt: Date }[]> {
  const unit = await db
    .selectFrom('units')
    .select('time_zone')
    .where('clues', '=', unitClues)
    .executeTakeFirst();
  if (!unit) return [];
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('slots as s', 's.id', 'a.slot_id')
    .innerJoin('resources as r', 'r.id', 's.resource_id')
    .select(['a.folio', 'r.name', 'a.called_at'])
    .where('a.unit_clues', '=', unitClues)
    .where('s.local_date', '=', localToday(now, unit.time_zone))
    .where('a.status', '=', 'attended')
    .where('a.called_at', 'is not', null)
    .$if(consultorios !== undefined && consultorios.length > 0, (q) =>
      q.where('s.resource_id', 'in', [...(consultorios ?? [])]),
    )
    .orderBy('a.called_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ folio: r.folio, consultorio: r.name, calledAt: r.called_at as Date }));
}
