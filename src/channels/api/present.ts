import { DateTime } from 'luxon';
import type { AvailableSlot } from '../../agenda/availability.js';
import { type Appointment, checkInOf } from '../../booking/appointments.js';
import { isBookingRefusal } from '../../booking/errors.js';
import { formatFolio } from '../../booking/folio.js';
import type { Unit } from '../../network/units.js';
import type { DomainError } from '../../platform/domain-error.js';
import { checkInSentences } from '../../platform/i18n/check-in-messages.js';
import type { Beneficiary } from '../../registry/beneficiaries.js';

// A zone's offset changes at most once a day, and on very few days. The offset is remembered per zone
// and UTC day when the day has a single one (looked up at its first and last millisecond): a list of
// hundreds of slots costs a few time-zone lookups instead of two per slot. Days with a change of the
// clocks are looked up instant by instant.
const DAY_MS = 86_400_000;
const OFFSETS_MAX = 50_000;
const dayOffsets = new Map<string, number | null>();

const offsetAt = (instant: number, zone: string) => DateTime.fromMillis(instant, { zone }).offset;

function offsetMinutes(instant: number, zone: string): number {
  const day = Math.floor(instant / DAY_MS);
  const key = `${zone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    if (dayOffsets.size >= OFFSETS_MAX) dayOffsets.clear();
    const first = offsetAt(day * DAY_MS, zone);
    offset = first === offsetAt((day + 1) * DAY_MS - 1, zone) ? first : null;
    dayOffsets.set(key, offset);
  }
  return offset ?? offsetAt(instant, zone);
}

const two = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 with the unit's own UTC offset, e.g. 2026-11-24T08:20:00-06:00. */
export function isoInZone(instant: Date, zone: string): string {
  const time = instant.getTime();
  const offset = offsetMinutes(time, zone);
  const wall = new Date(time + offset * 60_000).toISOString();
  const size = Math.abs(offset);
  return `${wall.slice(0, time % 1000 === 0 ? 19 : 23)}${offset < 0 ? '-' : '+'}${two(Math.floor(size / 60))}:${two(size % 60)}`;
}

export const presentSlot = (s: AvailableSlot) => ({
  slotId: s.slotId,
  start: isoInZone(s.startsAt, s.timeZone),
  end: isoInZone(s.endsAt, s.timeZone),
  unit: s.unitClues,
  service: s.serviceCode,
  resource: s.resource,
  shift: s.shift,
});

function presentCheckIn(a: Appointment) {
  const rule = checkInOf(a);
  return { accompaniedBy: rule.accompaniedBy, documents: rule.present, present: checkInSentences(rule) };
}

export const presentAppointment = (a: Appointment) => ({
  id: a.id,
  folio: a.folio,
  folioDisplay: formatFolio(a.folio),
  status: a.status,
  start: isoInZone(a.startsAt, a.timeZone),
  end: isoInZone(a.endsAt, a.timeZone),
  timeZone: a.timeZone,
  unit: a.unit.clues,
  unitName: a.unit.name,
  service: a.service.code,
  serviceName: a.service.name,
  resource: a.resource,
  curp: a.beneficiary.curp,
  channel: a.channel,
  needsRebooking: a.needsRebooking,
  checkIn: presentCheckIn(a),
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const presentUnit = (u: Unit) => ({
  clues: u.clues,
  name: u.name,
  type: u.type,
  state: u.state,
  municipality: u.municipality,
  timeZone: u.timeZone,
  address: u.address,
  phone: u.phone,
  services: u.services,
});

/** `eligible`: whether the person may book now (booking/eligibility.ts). */
export const presentBeneficiary = (b: Beneficiary, eligible: boolean) => ({
  curp: b.curp,
  affiliationNumber: b.affiliationNumber,
  givenNames: b.givenNames,
  firstSurname: b.firstSurname,
  secondSurname: b.secondSurname,
  birthDate: b.birthDate,
  sex: b.sex,
  phone: b.phone,
  email: b.email,
  category: b.category,
  holder: b.holderId === null,
  unit: b.unitClues,
  consultorio: b.consultorio,
  shift: b.shift,
  eligibleUntil: b.eligibleUntil,
  eligible,
});

/** Shapes the extra members of a problem document (next free slots, the appointment in the way). */
export function presentProblemExtras(error: DomainError): Record<string, unknown> {
  if (!isBookingRefusal(error)) return {};
  if (error.code === 'SLOT_TAKEN') return { alternatives: error.details.alternatives.map(presentSlot) };
  if (error.code === 'ACTIVE_APPOINTMENT_EXISTS' && error.details.existing)
    return { existing: presentAppointment(error.details.existing) };
  return {};
}
