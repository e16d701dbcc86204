import type { AgendaTemplate } from './slot-plan.js';

/** What an administrator sets on an agenda template (the consultorio and service aside). */
export type TemplateDraft = Pick<
  AgendaTemplate,
  'weekdays' | 'startTime' | 'endTime' | 'slotMinutes' | 'horizonDays' | 'releaseTime' | 'shares'
> & { sameDayShare: number };

export type TemplateDraftField =
  | 'weekdays'
  | 'startTime'
  | 'endTime'
  | 'slotMinutes'
  | 'horizonDays'
  | 'releaseTime'
  | 'shares'
  | 'sameDayShare';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const within = (n: number, low: number, high: number) => Number.isInteger(n) && n >= low && n <= high;

/**
 * The fields of a draft the database would refuse or that would plan no slot at all, in the
 * form's order (the same bounds as the table's checks, so a refusal is a page, never a 500).
 */
export function checkTemplateDraft(d: TemplateDraft): TemplateDraftField[] {
  const wrong: TemplateDraftField[] = [];
  if (d.weekdays.length === 0 || !d.weekdays.every((w) => within(w, 1, 7))) wrong.push('weekdays');
  const hoursOk = TIME.test(d.startTime) && TIME.test(d.endTime);
  if (!TIME.test(d.startTime)) wrong.push('startTime');
  if (!TIME.test(d.endTime) || (hoursOk && minutesOf(d.endTime) <= minutesOf(d.startTime)))
    wrong.push('endTime');
  const span = hoursOk ? minutesOf(d.endTime) - minutesOf(d.startTime) : Number.POSITIVE_INFINITY;
  if (!within(d.slotMinutes, 5, 240) || d.slotMinutes > span) wrong.push('slotMinutes');
  if (!within(d.horizonDays, 1, 120)) wrong.push('horizonDays');
  if (!TIME.test(d.releaseTime)) wrong.push('releaseTime');
  const shares = [d.shares.web, d.shares.phone, d.shares.counter];
  if (!shares.every((s) => within(s, 0, 100)) || shares.reduce((a, b) => a + b, 0) !== 100)
    wrong.push('shares');
  if (!within(d.sameDayShare, 0, 100)) wrong.push('sameDayShare');
  return wrong;
}

/** A template's settings as a draft, its times as 'HH:MM' (the database keeps seconds). */
export const draftOfTemplate = (t: AgendaTemplate): TemplateDraft => ({
  weekdays: t.weekdays,
  startTime: t.startTime.slice(0, 5),
  endTime: t.endTime.slice(0, 5),
  slotMinutes: t.slotMinutes,
  horizonDays: t.horizonDays,
  releaseTime: t.releaseTime.slice(0, 5),
  shares: t.shares,
  sameDayShare: t.sameDayShare ?? 0,
});

/** What a new template starts from: a weekday morning of 20-minute slots, the usual channel shares. */
export const NEW_TEMPLATE_DRAFT: TemplateDraft = {
  weekdays: [1, 2, 3, 4, 5],
  startTime: '08:00',
  endTime: '14:00',
  slotMinutes: 20,
  horizonDays: 14,
  releaseTime: '07:00',
  shares: { web: 50, phone: 35, counter: 15 },
  sameDayShare: 0,
};
