import { listServices, type Service } from '../network/services.js';
import { getUnit, type Unit } from '../network/units.js';
import type { Db } from '../platform/db/connect.js';
import type { AppointmentChannel } from '../platform/db/schema.js';
import { channelMayBookService } from './rules.js';

/**
 * The services of a person's unit that `channel` may book for them, in the catalog's order: on
 * self-service channels (portal, phone line) not those that need a specialist's referral. The one
 * list the portal, the phone line and the console offer.
 */
export async function bookableServices(
  db: Db,
  person: { unitClues: string },
  channel: AppointmentChannel,
): Promise<{ unit: Unit; services: Service[] }> {
  const unit = await getUnit(db, person.unitClues);
  const services = (await listServices(db)).filter(
    (s) => unit.services.includes(s.code) && channelMayBookService(channel, s),
  );
  return { unit, services };
}
