import type { SlotStatus } from '../platform/db/schema.js';
import type { PlannedSlot } from './slot-plan.js';

/** Why a slot a template change no longer plans was closed; a later change that plans it again reopens it. */
export const TEMPLATE_CHANGE_REASON = 'Plantilla cambiada';

export interface ExistingSlot {
  id: number;
  startsAt: Date;
  status: SlotStatus;
  blockedReason: string | null;
  /** The booked appointment on the slot, if any. */
  appointment: { id: string; folio: string; beneficiaryId: number } | null;
}

export interface SlotDiff {
  /** Slots the new template plans at the same start: rewritten to its length, pool and opening. */
  keep: { id: number; plan: PlannedSlot; reopen: boolean }[];
  /** Free or held slots it no longer plans: closed (never deleted: history points at them). */
  close: number[];
  /** Booked slots it no longer plans: the change must not leave these people without a slot. */
  orphans: ExistingSlot[];
}

/**
 * What a template change does to the template's future slots. A slot is the same slot when the new
 * plan starts one at the same instant (the time the person was told); everything else the new plan
 * wants, the horizon roll creates afterwards. Pure.
 */
export function diffTemplateSlots(existing: readonly ExistingSlot[], plan: readonly PlannedSlot[]): SlotDiff {
  const planned = new Map(plan.map((p) => [p.startsAt.getTime(), p]));
  const diff: SlotDiff = { keep: [], close: [], orphans: [] };
  for (const slot of existing) {
    const p = planned.get(slot.startsAt.getTime());
    if (p) {
      const reopen = slot.status === 'blocked' && slot.blockedReason === TEMPLATE_CHANGE_REASON;
      diff.keep.push({ id: slot.id, plan: p, reopen });
    } else if (slot.status === 'booked') diff.orphans.push(slot);
    else if (slot.status !== 'blocked') diff.close.push(slot.id);
  }
  return diff;
}
