import type { FastifyRequest } from 'fastify';
import { type Appointment, getAppointment } from '../../booking/appointments.js';
import { DomainError } from '../../platform/domain-error.js';
import { type Beneficiary, getBeneficiaryById } from '../../registry/beneficiaries.js';
import { householdOf } from '../../registry/household.js';
import type { WebContext } from './context.js';
import { SIGN_IN_REQUIRED } from './errors.js';

/** The signed-in person and everyone they may book for. */
export interface Visitor {
  me: Beneficiary;
  /** The holder acts for the whole family; a family member who signs in acts only for themselves. */
  people: Beneficiary[];
}

export async function requireVisitor(context: WebContext, request: FastifyRequest): Promise<Visitor> {
  const subject = request.session?.subject;
  if (subject?.kind !== 'beneficiary') throw new DomainError(SIGN_IN_REQUIRED, 'not signed in');
  const me = await getBeneficiaryById(context.db, Number(subject.id));
  return { me, people: await householdOf(context.db, me) };
}

/** One of the visitor's people, named by a query or form field; anyone else is "not found". */
export function personOf(visitor: Visitor, raw: unknown): Beneficiary {
  const id = idParam(raw);
  const person = id === null ? undefined : visitor.people.find((p) => p.id === id);
  if (!person) throw new DomainError('BENEFICIARY_NOT_FOUND', 'not one of the visitor’s people');
  return person;
}

/** An appointment of one of the visitor's people; anyone else's is "not found", not "forbidden". */
export async function appointmentOf(context: WebContext, visitor: Visitor, id: string): Promise<Appointment> {
  const appointment = await getAppointment(context.db, id);
  if (!visitor.people.some((p) => p.id === appointment.beneficiary.id)) {
    throw new DomainError('APPOINTMENT_NOT_FOUND', 'not an appointment of the visitor’s people');
  }
  return appointment;
}

/** Who acted, as the booking history records it. */
export const actorOf = (visitor: Visitor) => `beneficiary:${visitor.me.id}`;

export const fullName = (b: Pick<Beneficiary, 'givenNames' | 'firstSurname' | 'secondSurname'>) =>
  `${b.givenNames} ${b.firstSurname} ${b.secondSurname}`.trim();

/** A positive integer from a query or form field, or null. */
export function idParam(raw: unknown): number | null {
  const text = typeof raw === 'string' ? raw : '';
  return /^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : null;
}
