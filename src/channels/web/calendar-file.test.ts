import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../booking/appointments.js';
import { appointmentCalendar } from './calendar-file.js';

const appointment = {
  id: '9b2f4c1e-0000-4000-8000-000000000001',
  folio: 'K7M4ACDE',
  status: 'booked',
  startsAt: new Date('2026-11-24T14:20:00Z'),
  endsAt: new Date('2026-11-24T14:40:00Z'),
  timeZone: 'America/Mexico_City',
  unit: { clues: 'DFIST000101', name: 'CMF Coyoacán', address: 'Av. Universidad 1, Coyoacán' },
  service: { code: 'medicina_familiar', name: 'Medicina familiar' },
} as Appointment;

describe('the calendar file', () => {
  it('places the appointment at its instant in UTC, with folio, unit and a reminder the day before', () => {
    const ics = appointmentCalendar(appointment);
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('DTSTART:20261124T142000Z');
    expect(ics).toContain('DTEND:20261124T144000Z');
    expect(ics).toContain('SUMMARY:Cita de Medicina familiar');
    expect(ics).toContain('K7M4-ACDE');
    expect(ics).toContain('LOCATION:CMF Coyoacán\\, Av. Universidad 1\\, Coyoacán');
    expect(ics).toContain('UID:9b2f4c1e-0000-4000-8000-000000000001@citas');
    expect(ics).toContain('TRIGGER:-PT24H');
  });
});
