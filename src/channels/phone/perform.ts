// Carries out the dialog's effects with the domain operations: the IVR books, lists and cancels
// exactly as every other channel does, as channel `ivr`, and its acts go to the audit trail.

import { DateTime } from 'luxon';
import { type AvailableSlot, findAvailability } from '../../agenda/availability.js';
import { distinctTimes } from '../../agenda/distinct-times.js';
import { releasesTakingRequests } from '../../allocation/releases.js';
import { fileRequest } from '../../allocation/requests.js';
import { recordAudit } from '../../audit/record.js';
import { type Appointment, checkInOf, listAppointments } from '../../booking/appointments.js';
import { bookSlot } from '../../booking/book.js';
import { bookableServices } from '../../booking/bookable-services.js';
import { cancelAppointment } from '../../booking/cancel.js';
import { bookablePeople } from '../../booking/eligibility.js';
import { isBookingRefusal } from '../../booking/errors.js';
import { declineProposal, keepProposal, openProposalOf } from '../../booking/replacement.js';
import type { Config } from '../../config.js';
import { getUnit } from '../../network/units.js';
import type { Db } from '../../platform/db/connect.js';
import { isDomainError } from '../../platform/domain-error.js';
import {
  type Beneficiary,
  findBeneficiaryByAffiliationNumber,
  getBeneficiaryById,
  searchBeneficiaries,
} from '../../registry/beneficiaries.js';
import { householdOf } from '../../registry/household.js';
import { phoneForNotices } from '../../registry/notice-phone.js';
import { answerOnPhone } from '../../reminders/phone-answer.js';
import { appointmentTomorrow } from '../../reminders/tomorrow.js';
import { requestCallback } from '../../telephony/callbacks.js';
import { countCallersWaitingForAgent } from '../../telephony/calls.js';
import { isInRush } from '../../waiting-room/releases.js';
import { joinWaitlist } from '../../waitlist/entries.js';
import { SLOTS_PER_PAGE } from './dialog/booking.js';
import type { Effect, Outcome } from './dialog/effects.js';
import type { AppointmentChoice, Candidate, Identity, SlotChoice } from './dialog/state.js';

export interface EffectContext {
  db: Db;
  /**
   * Availability only: it may lag `db` by a moment (a read replica). A slot offered stale is refused
   * by the booking, on the primary, with fresh alternatives; the caller's own appointments come from `db`.
   */
  reads: Db;
  config: Config;
  now: Date;
  callId: string;
  /** The step being answered; with the call id it names a booking for idempotency. */
  seq: number;
}

/** Availability is read this many days ahead: beyond every agenda's horizon. */
const DAYS_AHEAD = 31;

const toSlotChoice = (s: AvailableSlot): SlotChoice => ({
  slotId: s.slotId,
  startsAt: s.startsAt.toISOString(),
  timeZone: s.timeZone,
});

const toAppointmentChoice = (a: Appointment): AppointmentChoice => ({
  id: a.id,
  person: a.beneficiary.givenNames,
  service: a.service.name,
  unit: a.unit.name,
  folio: a.folio,
  startsAt: a.startsAt.toISOString(),
  timeZone: a.timeZone,
});

export async function performEffect(effect: Effect, ctx: EffectContext): Promise<Outcome> {
  const { db, now } = ctx;
  const actor = { kind: 'ivr' as const, id: ctx.callId };
  const audit = (action: string, subject: number | null, result: 'ok' | 'refused', detail = {}) =>
    recordAudit(db, { actor, action, subjectBeneficiaryId: subject, channel: 'ivr', result, detail });

  switch (effect.kind) {
    case 'find-caller': {
      const found = await searchBeneficiaries(db, { q: effect.phone, limit: 10 });
      const holders = found.filter((b) => b.holderId === null);
      return { kind: 'caller-found', holderId: holders.length === 1 ? (holders[0]?.id ?? null) : null };
    }
    case 'verify': {
      const candidate = await findCandidate(db, effect.candidate);
      const matches = candidate !== undefined && candidate.birthDate === effect.birthDate;
      await audit('ivr.identify', candidate?.id ?? null, matches ? 'ok' : 'refused', {
        by: 'holderId' in effect.candidate ? 'caller_id' : 'affiliation_number',
      });
      return { kind: 'verified', identity: matches ? await identityOf(db, candidate, now) : null };
    }
    case 'list-services': {
      const person = await getBeneficiaryById(db, effect.person.id);
      const { unit, services } = await bookableServices(db, person, 'ivr');
      return {
        kind: 'services',
        person: effect.person,
        unit: unit.name,
        services: services.map((s) => ({ code: s.code, name: s.name })),
      };
    }
    case 'find-slots': {
      const person = await getBeneficiaryById(db, effect.person.id);
      const unit = await getUnit(db, person.unitClues);
      const after = effect.after ? new Date(effect.after) : null;
      const slots = await findAvailability(
        ctx.reads,
        {
          unitClues: unit.clues,
          serviceCode: effect.service.code,
          from: after
            ? (DateTime.fromJSDate(after, { zone: unit.timeZone }).toISODate() ?? undefined)
            : undefined,
          days: DAYS_AHEAD,
          channel: 'ivr',
        },
        now,
      );
      // One more than a page tells whether "9, more options" can be offered.
      const page = distinctTimes(slots.filter((s) => !after || s.startsAt > after)).slice(
        0,
        SLOTS_PER_PAGE + 1,
      );
      return {
        kind: 'slots',
        person: effect.person,
        service: effect.service,
        unit: unit.name,
        slots: page.map(toSlotChoice),
        more: page.length > SLOTS_PER_PAGE,
        after: effect.after,
        rush:
          effect.after === null &&
          (await isInRush(db, unit.clues, effect.service.code, ctx.config.waitingRoom.defaults, now)),
      };
    }
    case 'book': {
      const person = await getBeneficiaryById(db, effect.person.id);
      try {
        const { appointment } = await bookSlot(
          db,
          {
            curp: person.curp,
            slotId: effect.slot.slotId,
            channel: 'ivr',
            actor: `ivr:${ctx.callId}`,
            idempotencyKey: `ivr-step-${ctx.seq}-slot-${effect.slot.slotId}`,
          },
          now,
        );
        const phone = await phoneForNotices(db, person);
        return {
          kind: 'booked',
          folio: appointment.folio,
          startsAt: appointment.startsAt.toISOString(),
          timeZone: appointment.timeZone,
          smsTo: phone ? phone.slice(-2) : null,
          checkIn: checkInOf(appointment).accompaniedBy,
        };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        const refusal = isBookingRefusal(error) ? error : undefined;
        const existing = refusal?.code === 'ACTIVE_APPOINTMENT_EXISTS' ? refusal.details.existing : undefined;
        return {
          kind: 'booking-refused',
          code: error.code,
          alternatives: distinctTimes(refusal?.code === 'SLOT_TAKEN' ? refusal.details.alternatives : []).map(
            toSlotChoice,
          ),
          existing: existing
            ? {
                service: existing.service.name,
                startsAt: existing.startsAt.toISOString(),
                timeZone: existing.timeZone,
              }
            : null,
        };
      }
    }
    case 'list-appointments': {
      const booked = await listAppointments(db, { beneficiaryIds: effect.household, status: 'booked' });
      const upcoming = booked
        .filter((a) => a.startsAt > now)
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      return {
        kind: 'appointments',
        purpose: effect.purpose,
        appointments: upcoming.map(toAppointmentChoice),
      };
    }
    case 'cancel': {
      try {
        await cancelAppointment(
          db,
          {
            appointmentId: effect.appointmentId,
            actor: `ivr:${ctx.callId}`,
            channel: 'ivr',
            cutoffMinutes: ctx.config.changeCutoffMinutes,
          },
          now,
        );
        return { kind: 'cancelled' };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return {
          kind: 'cancel-refused',
          code: error.code,
          cutoffMinutes:
            isBookingRefusal(error) && error.code === 'TOO_LATE_TO_CHANGE'
              ? error.details.cutoffMinutes
              : null,
        };
      }
    }
    case 'check-agent-line': {
      const { agentNumber, callbackThreshold } = ctx.config.phone;
      if (!agentNumber) return { kind: 'agent-line', open: false, canWait: false };
      const waiting = await countCallersWaitingForAgent(db, now);
      return { kind: 'agent-line', open: waiting < callbackThreshold, canWait: true };
    }
    case 'request-callback': {
      const { created } = await requestCallback(
        db,
        { phone: effect.phone, beneficiaryId: effect.personId, callId: ctx.callId, reason: effect.reason },
        now,
      );
      await audit('callback.request', effect.personId, 'ok', { reason: effect.reason, created });
      return { kind: 'callback', created, phone: effect.phone };
    }
    case 'find-allocation': {
      const person = await getBeneficiaryById(db, effect.person.id);
      const [release] = await releasesTakingRequests(db, now, { unitClues: person.unitClues });
      return {
        kind: 'allocation-release',
        release: release
          ? {
              releaseId: release.id,
              service: release.service.name,
              startsAt: release.opensAt.toISOString(),
              timeZone: release.unit.timeZone,
            }
          : null,
      };
    }
    case 'file-allocation-request': {
      const person = await getBeneficiaryById(db, effect.person.id);
      try {
        const { created } = await fileRequest(
          db,
          {
            releaseId: effect.releaseId,
            curp: person.curp,
            channel: 'ivr',
            actor: `ivr:${ctx.callId}`,
            days: [],
            shift: null,
          },
          now,
        );
        return { kind: 'allocation-filed', result: created ? 'filed' : 'exists' };
      } catch (error) {
        if (isDomainError(error) && error.code === 'ALLOCATION_WINDOW_CLOSED') {
          return { kind: 'allocation-filed', result: 'closed' };
        }
        throw error;
      }
    }
    case 'join-waitlist': {
      const person = await getBeneficiaryById(db, effect.person.id);
      try {
        await joinWaitlist(
          db,
          {
            beneficiaryId: person.id,
            unitClues: person.unitClues,
            serviceCode: effect.service.code,
            weekdays: null,
            shift: effect.shift,
            channel: 'ivr',
            actor: `ivr:${ctx.callId}`,
          },
          now,
        );
        return { kind: 'waitlist-joined', result: 'joined' };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return { kind: 'waitlist-joined', result: error.code === 'ALREADY_WAITING' ? 'exists' : 'refused' };
      }
    }
    case 'find-proposal': {
      const p = await openProposalOf(db, effect.household, now);
      if (!p) return { kind: 'proposal', proposal: null };
      const lost = {
        id: p.appointmentId,
        person: p.person,
        service: p.serviceName,
        unit: p.unitName,
        folio: p.folio,
        startsAt: p.lostStartsAt.toISOString(),
        timeZone: p.timeZone,
      };
      const held = { startsAt: p.startsAt.toISOString(), expiresAt: p.expiresAt.toISOString() };
      return { kind: 'proposal', proposal: { id: p.id, appointment: lost, ...held } };
    }
    case 'answer-proposal': {
      const key = { proposalId: effect.proposalId };
      const who = {
        actor: `ivr:${ctx.callId}`,
        channel: 'ivr' as const,
        cutoffMinutes: ctx.config.changeCutoffMinutes,
      };
      try {
        if (effect.answer === 'decline') {
          await declineProposal(db, key, who, now);
          return { kind: 'proposal-answered', answer: 'decline', refused: false, kept: null };
        }
        const moved = await keepProposal(db, key, who, now);
        const kept = { startsAt: moved.startsAt.toISOString(), timeZone: moved.timeZone };
        return { kind: 'proposal-answered', answer: 'keep', refused: false, kept };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return { kind: 'proposal-answered', answer: effect.answer, refused: true, kept: null };
      }
    }
    case 'find-tomorrow': {
      const appointment = await appointmentTomorrow(db, effect.household, now);
      return { kind: 'tomorrow', appointment: appointment && toAppointmentChoice(appointment) };
    }
    case 'answer-tomorrow': {
      try {
        await answerOnPhone(
          db,
          {
            appointmentId: effect.appointmentId,
            answer: effect.answer,
            actor: `ivr:${ctx.callId}`,
            cutoffMinutes: ctx.config.changeCutoffMinutes,
            portalUrl: ctx.config.accessLoop.publicUrl,
          },
          now,
        );
        return { kind: 'tomorrow-answered', answer: effect.answer, refused: false };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return { kind: 'tomorrow-answered', answer: effect.answer, refused: true };
      }
    }
  }
}

async function findCandidate(db: Db, candidate: Candidate): Promise<Beneficiary | undefined> {
  if ('affiliation' in candidate) return findBeneficiaryByAffiliationNumber(db, candidate.affiliation);
  return getBeneficiaryById(db, candidate.holderId).catch((error: unknown) => {
    if (isDomainError(error)) return undefined;
    throw error;
  });
}

async function identityOf(db: Db, person: Beneficiary, now: Date): Promise<Identity> {
  const family = await householdOf(db, person);
  const toPerson = (b: Beneficiary) => ({ id: b.id, name: b.givenNames, self: b.id === person.id });
  return {
    person: toPerson(person),
    bookable: (await bookablePeople(db, family, now)).map(toPerson),
    household: family.map((b) => b.id),
  };
}
