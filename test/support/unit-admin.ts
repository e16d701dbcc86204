import type { AgendaActor } from '../../src/booking/rebooking.js';

/** A unit administrator acting from the console, with the production defaults for rebooking. */
export const UNIT_ADMIN: AgendaActor = {
  actor: 'staff:9',
  channel: 'console',
  rebooking: {
    publicUrl: 'https://citas.example.mx',
    linkKey: 'test-link-key-for-rebooking-proposals',
    policy: { holdHours: 24, minLeadMinutes: 120 },
  },
};
