import type { Selectable } from 'kysely';
import { localToday } from '../agenda/slot-plan.js';
import type { Db } from '../platform/db/connect.js';
import type { AppointmentStatus, AppointmentsTable } from '../platform/db/schema.js';
import type { Appointment } from './appointment.js';
import { checkInRequirement } from './check-in.js';
import { BookingError } from './errors.js';

export type { Appointment } from './appointment.js';

export interface AppointmentEvent {
  at: Date;
  action: string;
  actor: string;
  channel: string;
  fromSlotId: number | null;
  toSlotId: number | null;
  detail: string | null;
}

function appointmentQuery(db: Db) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('units as u', 'u.clues', 'a.unit_clues')
    .innerJoin('services as sv', 'sv.code', 'a.service_code')
    .innerJoin('slots as s', 's.id', 'a.slot_id')
    .innerJoin('resources as r', 'r.id', 's.resource_id')
    .innerJoin('beneficiaries as b', 'b.id', 'a.beneficiary_id')
    .select([
      'a.id',
      'a.folio',
      'a.status',
      'a.starts_at',
      'a.ends_at',
      'u.time_zone',
      'a.channel',
      'a.slot_id',
      'u.clues as unit_clues',
      'u.name as unit_name',
      'u.address as unit_address',
      'sv.code as service_code',
      'sv.name as service_name',
      'r.id as resource_id',
      'r.name as resource_name',
      'b.id as beneficiary_id',
      'b.curp',
      'b.given_names',
      'b.first_surname',
      'b.holder_id',
      'b.birth_date',
      'b.unit_clues as beneficiary_unit_clues',
      'a.needs_rebooking',
      'a.slot_closed',
      'a.rebooking_reason',
      'a.cancel_reason',
      'a.created_by',
      'a.updated_by',
      'a.created_at',
      'a.updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof appointmentQuery>['executeTakeFirstOrThrow']>>;

/** An appointment's own columns, as its table holds them. */
type AppointmentColumns = Pick<
  Selectable<AppointmentsTable>,
  | 'id'
  | 'folio'
  | 'status'
  | 'starts_at'
  | 'ends_at'
  | 'channel'
  | 'slot_id'
  | 'needs_rebooking'
  | 'slot_closed'
  | 'rebooking_reason'
  | 'cancel_reason'
  | 'created_by'
  | 'updated_by'
  | 'created_at'
  | 'updated_at'
>;

/**
 * The one mapping of an appointment: its row, where it takes place (shown with the slot's zone)
 * and whose it is. Read back by `appointmentQuery`, or made of facts the booking statement read.
 */
export const appointmentOf = (
  a: AppointmentColumns,
  place: Pick<Appointment, 'unit' | 'service' | 'resource' | 'timeZone'>,
  person: Appointment['beneficiary'],
): Appointment => ({
  id: a.id,
  folio: a.folio,
  status: a.status,
  startsAt: a.starts_at,
  endsAt: a.ends_at,
  timeZone: place.timeZone,
  channel: a.channel,
  slotId: a.slot_id,
  unit: { clues: place.unit.clues, name: place.unit.name, address: place.unit.address },
  service: { code: place.service.code, name: place.service.name },
  resource: { id: place.resource.id, name: place.resource.name },
  beneficiary: {
    id: person.id,
    curp: person.curp,
    givenNames: person.givenNames,
    firstSurname: person.firstSurname,
    holderId: person.holderId,
    birthDate: person.birthDate,
    unitClues: person.unitClues,
  },
  needsRebooking: a.needs_rebooking,
  slotClosed: a.slot_closed,
  rebookingReason: a.rebooking_reason,
  cancelReason: a.cancel_reason,
  createdBy: a.created_by,
  updatedBy: a.updated_by,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
});

const toAppointment = (r: Row): Appointment =>
  appointmentOf(
    r,
    {
      unit: { clues: r.unit_clues, name: r.unit_name, address: r.unit_address },
      service: { code: r.service_code, name: r.service_name },
      resource: { id: r.resource_id, name: r.resource_name },
      timeZone: r.time_zone,
    },
    {
      id: r.beneficiary_id,
      curp: r.curp,
      givenNames: r.given_names,
      firstSurname: r.first_surname,
      holderId: r.holder_id,
      birthDate: r.birth_date,
      unitClues: r.beneficiary_unit_clues,
    },
  );

/** What to present at the clinic for this appointment (the rule is in check-in.ts). */
export const checkInOf = (a: Pick<Appointment, 'beneficiary' | 'startsAt' | 'timeZone'>) =>
  checkInRequirement(a.beneficiary, localToday(a.startsAt, a.timeZone));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findAppointment(db: Db, id: string): Promise<Appointment | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await appointmentQuery(db).where('a.id', '=', id).executeTakeFirst();
  return row && toAppointment(row);
}

export async function getAppointment(db: Db, id: string): Promise<Appointment> {
  const found = await findAppointment(db, id);
  if (!found) throw new BookingError('APPOINTMENT_NOT_FOUND', 'no appointment with that id');
  return found;
}

export async function listAppointments(
  db: Db,
  filter: { beneficiaryIds: number[]; status?: AppointmentStatus; limit?: number },
): Promise<Appointment[]> {
  if (filter.beneficiaryIds.length === 0) return [];
  let query = appointmentQuery(db).where('a.beneficiary_id', 'in', filter.beneficiaryIds);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  const rows = await query
    .orderBy('a.starts_at', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toAppointment);
}

export async function listAppointmentEvents(db: Db, appointmentId: string): Promise<AppointmentEvent[]> {
  const rows = await db
    .selectFrom('appointment_events')
    .select(['at', 'action', 'actor', 'channel', 'from_slot_id', 'to_slot_id', 'detail'])
    .where('appointment_id', '=', appointmentId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    at: r.at,
    action: r.action,
    actor: r.actor,
    channel: r.channel,
    fromSlotId: r.from_slot_id,
    toSlotId: r.to_slot_id,
    detail: r.detail,
  }));
}
