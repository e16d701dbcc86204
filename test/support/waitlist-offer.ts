// A slot held by a waitlist offer, as the backfill makes one: a person waits, someone else's
// appointment is cancelled, and the pass offers its slot.
import { bookSlot } from '../../src/booking/book.js';
import { cancelAppointment } from '../../src/booking/cancel.js';
import type { Db } from '../../src/platform/db/connect.js';
import { type BackfillSettings, backfillPass } from '../../src/waitlist/backfill.js';
import { joinWaitlist } from '../../src/waitlist/entries.js';
import { aBeneficiary, freeSlots, type TestClinic } from './factories.js';

export async function anOpenOffer(db: Db, clinic: TestClinic, settings: BackfillSettings) {
  const person = await aBeneficiary(db, clinic);
  await joinWaitlist(
    db,
    {
      beneficiaryId: person.id,
      unitClues: clinic.clues,
      serviceCode: clinic.serviceCode,
      weekdays: null,
      shift: null,
      channel: 'web',
      actor: 'x',
    },
    new Date(),
  );
  const [slotId] = (await freeSlots(db, clinic, 1)) as [number];
  const owner = await aBeneficiary(db, clinic);
  const { appointment } = await bookSlot(
    db,
    { curp: owner.curp, slotId, channel: 'web', actor: 'x' },
    new Date(),
  );
  await cancelAppointment(
    db,
    { appointmentId: appointment.id, actor: 'x', channel: 'web', cutoffMinutes: 60 },
    new Date(),
  );
  await backfillPass(db, settings, new Date());
  const offer = await db
    .selectFrom('waitlist_offers')
    .select(['id', 'expires_at'])
    .where('slot_id', '=', slotId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return { person, slotId, offer: { id: Number(offer.id), expiresAt: offer.expires_at } };
}
