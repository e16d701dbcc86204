// An administrator's change to an agenda template (create, edit, retire). The agenda works out the
// change and its orphans (agenda/template-change.ts); here the rule about people is kept: a change
// that would leave booked appointments without a slot is refused, listing them, unless the
// administrator explicitly sends them to the rebooking worklist, each person with the SMS, as a
// closure does. Every change, and every refusal, is audited with the template before and after.
import { disruptSlots } from '../agenda/closures.js';
import type { AgendaTemplate, PlannedSlot } from '../agenda/slot-plan.js';
import { planTemplateChange, type TemplateChange, writeTemplateChange } from '../agenda/template-change.js';
import { draftOfTemplate } from '../agenda/template-draft.js';
import { loadTemplates } from '../agenda/templates.js';
import { parseActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import { type AgendaActor, auditAgendaChange, notifyFlagged } from './rebooking.js';

export interface OrphanAppointment {
  appointmentId: string;
  folio: string;
  startsAt: Date;
}

export interface TemplatePreview {
  after: AgendaTemplate | null;
  slots: PlannedSlot[];
  orphans: OrphanAppointment[];
}

export type TemplateChangeOutcome =
  | { kind: 'refused'; orphans: OrphanAppointment[] }
  | {
      kind: 'applied';
      templateId: number;
      /** Booked appointments sent to the rebooking worklist. */
      flagged: number;
      notified: number;
      /** Of those, the ones given a replacement time held for them. */
      proposed: number;
    };

/** What a change would do, written nowhere: the slots it plans and the appointments it would orphan. */
export async function previewTemplateChange(
  db: Db,
  change: TemplateChange,
  now: Date,
): Promise<TemplatePreview> {
  const plan = await planTemplateChange(db, change, now);
  return { after: plan.after, slots: plan.preview, orphans: orphansOf(plan.diff.orphans) };
}

/**
 * Applies a template change in one transaction. With `orphans: 'refuse'` a change that leaves any
 * booked future appointment without a slot writes nothing and names them; with `'rebook'` those
 * appointments are flagged for the unit's worklist and each person is sent the SMS to choose a new time.
 */
export async function changeAgendaTemplate(
  db: Db,
  input: { change: TemplateChange; orphans: 'refuse' | 'rebook' } & AgendaActor,
  now: Date,
): Promise<TemplateChangeOutcome> {
  return db.transaction().execute((trx) => applyChange(trx, input, now));
}

/**
 * Sets the same-day share of every template of one service at the unit (advanced access, per unit
 * and service), in one transaction. Only the opening times of slots change, so nobody is orphaned.
 */
export async function setSameDayShare(
  db: Db,
  input: { unitClues: string; serviceCode: string; share: number } & AgendaActor,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const templates = (await loadTemplates(trx, input.unitClues)).filter(
      (x) => x.serviceCode === input.serviceCode,
    );
    for (const x of templates) {
      const draft = { ...draftOfTemplate(x), sameDayShare: input.share };
      await applyChange(
        trx,
        {
          ...input,
          change: { kind: 'edit', unitClues: input.unitClues, templateId: x.id, draft },
          orphans: 'rebook',
        },
        now,
      );
    }
    return templates.length;
  });
}

async function applyChange(
  trx: Db,
  input: { change: TemplateChange; orphans: 'refuse' | 'rebook' } & AgendaActor,
  now: Date,
): Promise<TemplateChangeOutcome> {
  const plan = await planTemplateChange(trx, input.change, now);
  const orphans = orphansOf(plan.diff.orphans);
  const detail = {
    kind: input.change.kind,
    template: plan.before?.id ?? null,
    before: plan.before,
    after: plan.after,
  };
  if (orphans.length > 0 && input.orphans === 'refuse') {
    await recordAudit(trx, {
      actor: parseActor(input.actor),
      action: 'agenda.template',
      unitClues: input.change.unitClues,
      channel: input.channel,
      sourceIp: input.sourceIp,
      result: 'refused',
      detail: { ...detail, orphans: orphans.map((o) => o.appointmentId) },
    });
    return { kind: 'refused', orphans };
  }
  const orphanSlots = plan.diff.orphans.map((s) => s.id);
  const disrupted = await disruptSlots(trx, orphanSlots, 'Cambio de horario del consultorio', input.actor);
  // Written before anyone is told, so a proposed time is one of the new template's slots.
  const written = await writeTemplateChange(trx, plan, now);
  const proposalsWithdrawn = [...disrupted.proposalsWithdrawn, ...written.proposalsWithdrawn];
  const told = await notifyFlagged(trx, { slotIds: orphanSlots }, input, now, { proposalsWithdrawn });
  const { templateId } = written;
  await auditAgendaChange(trx, 'agenda.template', input, input.change.unitClues, {
    ...detail,
    template: templateId,
    keptSlots: plan.diff.keep.length,
    closedSlots: plan.diff.close.length,
    flaggedAppointments: disrupted.flaggedAppointments,
    ...told,
  });
  return { kind: 'applied', templateId, flagged: disrupted.flaggedAppointments, ...told };
}

const orphansOf = (slots: Awaited<ReturnType<typeof planTemplateChange>>['diff']['orphans']) =>
  slots.flatMap((s) =>
    s.appointment
      ? [{ appointmentId: s.appointment.id, folio: s.appointment.folio, startsAt: s.startsAt }]
      : [],
  );
