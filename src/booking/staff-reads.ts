import { auditedRead, type StaffReader } from '../identity/reader.js';
import type { Db } from '../platform/db/connect.js';
import type { AppointmentStatus } from '../platform/db/schema.js';
import { getBeneficiaryByCurp } from '../registry/beneficiaries.js';
import { type Appointment, getAppointment, listAppointments } from './appointments.js';

/** A person's appointments, as a member of staff sees them (audited). */
export async function readAppointmentsForStaff(
  db: Db,
  query: { curp: string; status?: AppointmentStatus },
  reader: StaffReader,
): Promise<Appointment[]> {
  const person = await getBeneficiaryByCurp(db, query.curp);
  await auditedRead(db, reader, 'appointment.read', {
    beneficiaryId: person.id,
    personUnitClues: person.unitClues,
  });
  return listAppointments(db, { beneficiaryIds: [person.id], status: query.status });
}

/** One appointment, as a member of staff sees it (audited). */
export async function readAppointmentForStaff(db: Db, id: string, reader: StaffReader): Promise<Appointment> {
  const appointment = await getAppointment(db, id);
  await auditedRead(db, reader, 'appointment.read', {
    beneficiaryId: appointment.beneficiary.id,
    personUnitClues: appointment.beneficiary.unitClues,
    placeUnitClues: appointment.unit.clues,
  });
  return appointment;
}
