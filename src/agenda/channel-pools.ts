import type { AppointmentChannel, SlotPool } from '../platform/db/schema.js';

/** Which share of a day's slots each channel books from. */
export const POOL_OF_CHANNEL: Record<AppointmentChannel, SlotPool> = {
  web: 'web',
  ivr: 'phone',
  agent: 'phone',
  counter: 'counter',
};

/**
 * Whether `channel` may take a slot of `pool` on `slotDay`. The counter serves walk-ins, so on the
 * day itself it may also take whatever the web and the phone left free.
 */
export function channelMayUsePool(
  channel: AppointmentChannel,
  pool: SlotPool,
  slotDay: string,
  today: string,
) {
  if (POOL_OF_CHANNEL[channel] === pool) return true;
  return channel === 'counter' && slotDay === today;
}
