import { CONSOLE } from '../../platform/i18n/console-messages.js';
import type { RefusalCode } from '../../platform/refusal-code.js';

type StaticRefusal = Exclude<keyof typeof CONSOLE.refusals, 'TOO_LATE_TO_CHANGE'>;

/** What to tell the agent when a booking rule says no. */
export function refusalMessage(code: RefusalCode, cutoffMinutes: number): string {
  const refusals = CONSOLE.refusals;
  if (code === 'TOO_LATE_TO_CHANGE') return refusals.TOO_LATE_TO_CHANGE(cutoffMinutes);
  return code in refusals ? refusals[code as StaticRefusal] : refusals.OTHER;
}
