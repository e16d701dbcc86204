import type { AppointmentChannel, AppointmentStatus } from '../platform/db/schema.js';

/** An appointment as every channel shows it: where, when, whose, and its history's last word. */
export interface Appointment {
  id: string;
  folio: string;
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  channel: AppointmentChannel;
  slotId: number;
  unit: { clues: string; name: string; address: string };
  service: { code: string; name: string };
  resource: { id: number; name: string };
  beneficiary: {
    id: number;
    curp: string;
    givenNames: string;
    firstSurname: string;
    holderId: number | null;
    birthDate: string;
    /** The person's unit of adscription (unit staff act only on their own unit's people). */
    unitClues: string;
  };
  needsRebooking: boolean;
  /** Flagged because a closure, absence or template change closed its slot (which stays closed). */
  slotClosed: boolean;
  rebookingReason: string | null;
  cancelReason: string | null;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}
