import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import type { SlotPool } from '../platform/db/schema.js';
import { DomainError } from '../platform/domain-error.js';
import { blockSlots } from './holds.js';
import { rollUnitHorizon } from './roll-horizon.js';
import { type AgendaTemplate, localDays, localToday, type PlannedSlot, planSlots } from './slot-plan.js';
import {
  diffTemplateSlots,
  type ExistingSlot,
  type SlotDiff,
  TEMPLATE_CHANGE_REASON,
} from './template-diff.js';
import { checkTemplateDraft, type TemplateDraft } from './template-draft.js';
import { findTemplate } from './templates.js';

/** What an administrator asks of a unit's agenda templates. */
export type TemplateChange =
  | { kind: 'create'; unitClues: string; resourceId: number; serviceCode: string; draft: TemplateDraft }
  | { kind: 'edit'; unitClues: string; templateId: number; draft: TemplateDraft }
  | { kind: 'retire'; unitClues: string; templateId: number };

export interface TemplateChangePlan {
  change: TemplateChange;
  before: AgendaTemplate | null;
  /** The template as it will be; null when retired. */
  after: AgendaTemplate | null;
  /** The slots it will plan over the next PREVIEW_DAYS on the unit's walls (closed days left out). */
  preview: PlannedSlot[];
  diff: SlotDiff;
}

export const PREVIEW_DAYS = 7;

/**
 * Works out a template change without writing anything: the template before and after, the slots
 * it will plan (the preview), and what happens to the template's slots from `now` on, including
 * the booked ones it would leave without a slot (orphans). In a transaction, the template's future
 * slots are locked, so no booking lands between this plan and its writing.
 */
export async function planTemplateChange(
  trx: Db,
  change: TemplateChange,
  now: Date,
): Promise<TemplateChangePlan> {
  if (change.kind !== 'retire' && checkTemplateDraft(change.draft).length > 0)
    throw new DomainError('TEMPLATE_INVALID', 'the template draft is not valid', {
      fields: checkTemplateDraft(change.draft),
    });
  const before =
    change.kind === 'create' ? null : await templateOfUnit(trx, change.templateId, change.unitClues);
  const after =
    change.kind === 'retire'
      ? null
      : change.kind === 'edit'
        ? { ...(before as AgendaTemplate), ...withSeconds(change.draft) }
        : await newTemplate(trx, change, now);
  const existing = before ? await futureSlots(trx, before.id, now) : [];
  const zone = (after ?? before)?.timeZone ?? 'America/Mexico_City';
  const today = localToday(now, zone);
  let plan: PlannedSlot[] = [];
  if (after) {
    const lastExisting = existing.reduce((last, s) => {
      const day = localToday(s.startsAt, zone);
      return day > last ? day : last;
    }, today);
    const span = Math.max(after.horizonDays + 1, daysBetween(today, lastExisting) + 1);
    plan = planSlots(after, localDays(today, span), new Set()).filter((s) => s.startsAt > now);
  }
  const closed = after ? await closedDays(trx, after.unitClues, today) : new Set<string>();
  const preview = after
    ? planSlots(after, localDays(today, PREVIEW_DAYS), closed).filter((s) => s.startsAt > now)
    : [];
  return { change, before, after, preview, diff: diffTemplateSlots(existing, plan) };
}

/**
 * Writes a planned change: the template row, its future slots rewritten or closed as the diff says,
 * then the unit's horizon rolled so the slots the new template adds exist at once. Orphans are the
 * caller's to settle first (refuse, or flag them for rebooking); their slots are left as they are.
 * Returns the template and the flagged appointments whose proposed time was on a slot it closed.
 */
export async function writeTemplateChange(
  trx: Db,
  plan: TemplateChangePlan,
  now: Date,
): Promise<{ templateId: number; proposalsWithdrawn: string[] }> {
  const { change, after, diff } = plan;
  let templateId: number;
  if (change.kind === 'create' && after) {
    const row = await trx
      .insertInto('agenda_templates')
      .values({ resource_id: after.resourceId, service_code: after.serviceCode, ...columnsOf(after) })
      .returning('id')
      .executeTakeFirstOrThrow();
    templateId = row.id;
  } else if (change.kind === 'edit' && after) {
    templateId = change.templateId;
    await trx.updateTable('agenda_templates').set(columnsOf(after)).where('id', '=', templateId).execute();
  } else {
    templateId = (plan.before as AgendaTemplate).id;
    await trx.updateTable('agenda_templates').set({ retired_at: now }).where('id', '=', templateId).execute();
  }
  if (diff.keep.length > 0) {
    const ids = diff.keep.map((k) => k.id);
    const ends = diff.keep.map((k) => k.plan.endsAt.toISOString());
    const opens = diff.keep.map((k) => k.plan.opensAt.toISOString());
    const pools = diff.keep.map((k) => k.plan.pool);
    const reopen = diff.keep.map((k) => k.reopen);
    await sql`
      update slots s
         set ends_at = x.ends_at, opens_at = x.opens_at, pool = x.pool,
             status = case when x.reopen then 'free' else s.status end,
             blocked_reason = case when x.reopen then null else s.blocked_reason end
        from unnest(${ids}::bigint[], ${ends}::timestamptz[], ${opens}::timestamptz[], ${pools}::text[],
                    ${reopen}::boolean[]) as x(id, ends_at, opens_at, pool, reopen)
       where s.id = x.id`.execute(trx);
  }
  const { proposalsWithdrawn } = await blockSlots(trx, diff.close, TEMPLATE_CHANGE_REASON);
  await rollUnitHorizon(trx, change.unitClues, now);
  return { templateId, proposalsWithdrawn };
}

async function templateOfUnit(trx: Db, id: number, unitClues: string): Promise<AgendaTemplate> {
  // Two administrators changing one template take turns.
  await trx.selectFrom('agenda_templates').select('id').where('id', '=', id).forUpdate().execute();
  const template = await findTemplate(trx, id);
  if (!template || template.unitClues !== unitClues)
    throw new DomainError('NOT_FOUND', `template ${id} is not in force at ${unitClues}`);
  return template;
}

async function newTemplate(
  trx: Db,
  change: Extract<TemplateChange, { kind: 'create' }>,
  now: Date,
): Promise<AgendaTemplate> {
  const resource = await trx
    .selectFrom('resources as r')
    .innerJoin('units as u', 'u.clues', 'r.unit_clues')
    .innerJoin('unit_services as us', (j) =>
      j.onRef('us.unit_clues', '=', 'r.unit_clues').on('us.service_code', '=', change.serviceCode),
    )
    .select(['r.id', 'r.shift', 'u.time_zone'])
    .where('r.id', '=', change.resourceId)
    .where('r.unit_clues', '=', change.unitClues)
    .where('r.active', '=', true)
    .executeTakeFirst();
  if (!resource) throw new DomainError('SERVICE_NOT_OFFERED', 'no such consultorio or service at the unit');
  return {
    id: 0,
    resourceId: resource.id,
    unitClues: change.unitClues,
    serviceCode: change.serviceCode,
    shift: resource.shift,
    timeZone: resource.time_zone,
    ...withSeconds(change.draft),
    validFrom: localToday(now, resource.time_zone),
    validUntil: null,
  };
}

async function futureSlots(trx: Db, templateId: number, now: Date): Promise<ExistingSlot[]> {
  // Lock first, then read in a second statement: a booking committed while this waited for its lock
  // is seen with its appointment (a locking read re-checks the slot row but not the joined ones).
  await trx
    .selectFrom('slots')
    .select('id')
    .where('template_id', '=', templateId)
    .where('starts_at', '>', now)
    .forUpdate()
    .execute();
  const rows = await trx
    .selectFrom('slots as s')
    .leftJoin('appointments as a', (j) => j.onRef('a.slot_id', '=', 's.id').on('a.status', '=', 'booked'))
    .select([
      's.id',
      's.starts_at',
      's.status',
      's.blocked_reason',
      'a.id as appointment_id',
      'a.folio',
      'a.beneficiary_id',
    ])
    .where('s.template_id', '=', templateId)
    .where('s.starts_at', '>', now)
    .orderBy('s.starts_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    startsAt: r.starts_at,
    status: r.status,
    blockedReason: r.blocked_reason,
    appointment:
      r.appointment_id && r.folio && r.beneficiary_id
        ? { id: r.appointment_id, folio: r.folio, beneficiaryId: r.beneficiary_id }
        : null,
  }));
}

async function closedDays(trx: Db, unitClues: string, today: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('closures')
    .select('day')
    .where((eb) => eb.or([eb('unit_clues', '=', unitClues), eb('unit_clues', 'is', null)]))
    .where('day', '>=', today)
    .execute();
  return new Set(rows.map((r) => r.day));
}

const withSeconds = (d: TemplateDraft) => ({
  weekdays: [...d.weekdays].sort(),
  startTime: d.startTime,
  endTime: d.endTime,
  slotMinutes: d.slotMinutes,
  horizonDays: d.horizonDays,
  releaseTime: d.releaseTime,
  shares: d.shares as Record<SlotPool, number>,
  sameDayShare: d.sameDayShare,
});

const columnsOf = (t: AgendaTemplate) => ({
  weekdays: t.weekdays,
  start_time: t.startTime,
  end_time: t.endTime,
  slot_minutes: t.slotMinutes,
  horizon_days: t.horizonDays,
  release_time: t.releaseTime,
  share_web: t.shares.web,
  share_phone: t.shares.phone,
  share_counter: t.shares.counter,
  share_same_day: t.sameDayShare ?? 0,
  valid_from: t.validFrom,
  valid_until: t.validUntil,
});

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
