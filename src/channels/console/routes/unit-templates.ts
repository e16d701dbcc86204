import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sameDaySuggestions } from '../../../agenda/same-day-demand.js';
import type { AgendaTemplate } from '../../../agenda/slot-plan.js';
import type { TemplateChange } from '../../../agenda/template-change.js';
import {
  checkTemplateDraft,
  draftOfTemplate,
  NEW_TEMPLATE_DRAFT,
  type TemplateDraft,
  type TemplateDraftField,
} from '../../../agenda/template-draft.js';
import { findTemplate, loadTemplates } from '../../../agenda/templates.js';
import {
  changeAgendaTemplate,
  previewTemplateChange,
  setSameDayShare,
  type TemplateChangeOutcome,
} from '../../../booking/template-edit.js';
import { rebookingSettingsOf } from '../../../config.js';
import { listServices } from '../../../network/services.js';
import { getUnit } from '../../../network/units.js';
import { DomainError } from '../../../platform/domain-error.js';
import type { FieldError } from '../../../platform/html/components.js';
import { TEMPLATES } from '../../../platform/i18n/template-messages.js';
import { consultoriosOf } from '../../../reception/consultorio-queue.js';
import { assertOnUnit, requireOperation } from '../access.js';
import { actorOf } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import { type TemplateFormView, templateFormPage, templateListPage } from '../pages/unit-templates.js';

const UnitParams = Type.Object({ clues: Type.String({ pattern: '^[A-Z]{5}[0-9]{6}$' }) });
const TemplateParams = Type.Object({
  clues: Type.String({ pattern: '^[A-Z]{5}[0-9]{6}$' }),
  id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }),
});
const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const DraftFields = {
  dias: Type.Optional(
    Type.Union([Type.String({ maxLength: 2 }), Type.Array(Type.String({ maxLength: 2 }), { maxItems: 7 })]),
  ),
  inicio: text(8),
  fin: text(8),
  duracion: text(4),
  horizonte: text(4),
  apertura: text(8),
  web: text(4),
  telefono: text(4),
  ventanilla: text(4),
  mismo_dia: text(4),
  accion: Type.Optional(
    Type.Union([Type.Literal('vista'), Type.Literal('guardar'), Type.Literal('reagendar')]),
  ),
};
type DraftBody = { [K in keyof typeof DraftFields]?: K extends 'dias' ? string | string[] : string };

/** Where each of the draft's fields is on the form. */
const FIELD_ID: Record<TemplateDraftField, string> = {
  weekdays: 'dias',
  startTime: 'inicio',
  endTime: 'fin',
  slotMinutes: 'duracion',
  horizonDays: 'horizonte',
  releaseTime: 'apertura',
  shares: 'web',
  sameDayShare: 'mismo_dia',
};

const integer = (value: string | undefined) =>
  /^\d{1,3}$/.test(value?.trim() ?? '') ? Number(value) : Number.NaN;

/** The form as a draft; what cannot be read stays out of range, so the domain's check names it. */
function draftOf(body: DraftBody): TemplateDraft {
  const days = [body.dias ?? []].flat();
  return {
    weekdays: [...new Set(days.map(integer))],
    startTime: body.inicio?.trim() ?? '',
    endTime: body.fin?.trim() ?? '',
    slotMinutes: integer(body.duracion),
    horizonDays: integer(body.horizonte),
    releaseTime: body.apertura?.trim() ?? '',
    shares: { web: integer(body.web), phone: integer(body.telefono), counter: integer(body.ventanilla) },
    sameDayShare: integer(body.mismo_dia),
  };
}

/** A draft as the form shows it. */
function valuesOf(d: TemplateDraft): Record<string, string | string[]> {
  return {
    dias: d.weekdays.map(String),
    inicio: d.startTime,
    fin: d.endTime,
    duracion: String(d.slotMinutes),
    horizonte: String(d.horizonDays),
    apertura: d.releaseTime,
    web: String(d.shares.web),
    telefono: String(d.shares.phone),
    ventanilla: String(d.shares.counter),
    mismo_dia: String(d.sameDayShare),
  };
}

/** The agenda-template editor of a unit: unit administrators for their own unit, national ones for any. */
/** Where an applied change lands: the list, saying what it did to booked appointments. */
const appliedUrl = (clues: string, o: Extract<TemplateChangeOutcome, { kind: 'applied' }>) =>
  `/consola/unidades/${clues}/plantillas?reagendar=${o.flagged}&avisados=${o.notified}&apartados=${o.proposed}`;

export function unitTemplateRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock, config } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  const manage = async (request: FastifyRequest, clues: string) => {
    const agent = requireOperation(request, 'agenda.manage');
    await assertOnUnit(agent, 'agenda.manage', { unitOf: () => clues });
    const unit = await getUnit(db, clues);
    const [consultorios, catalog] = await Promise.all([consultoriosOf(db, clues), listServices(db)]);
    const services = catalog.filter((s) => unit.services.includes(s.code));
    return { agent, unit, consultorios, services };
  };
  type Managed = Awaited<ReturnType<typeof manage>>;
  const who = (request: FastifyRequest, m: Managed) => ({
    actor: actorOf(m.agent),
    channel: 'console',
    sourceIp: request.ip,
    rebooking: rebookingSettingsOf(config),
  });
  const templateAt = async (clues: string, id: number) => {
    const template = await findTemplate(db, id);
    if (!template || template.unitClues !== clues)
      throw new DomainError('NOT_FOUND', `template ${id} is not in force at ${clues}`);
    return template;
  };
  const showForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    m: Managed,
    view: Omit<TemplateFormView, 'unit' | 'csrfToken' | 'consultorios' | 'services'>,
  ) => {
    const session = await context.sessions.ensure(request, reply);
    const page = templateFormPage({
      ...view,
      unit: m.unit,
      csrfToken: session.csrfToken,
      consultorios: m.consultorios,
      services: m.services,
    });
    return sendConsolePage(context, request, reply, page);
  };
  const showList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    m: Managed,
    extra: { done?: string; errors?: FieldError[] } = {},
  ) => {
    const session = await context.sessions.ensure(request, reply);
    const templates = await loadTemplates(db, m.unit.clues);
    const page = templateListPage({
      unit: m.unit,
      csrfToken: session.csrfToken,
      templates,
      demand: await sameDaySuggestions(db, m.unit.clues, templates, clock()),
      consultorios: m.consultorios,
      services: m.services,
      ...extra,
    });
    return sendConsolePage(context, request, reply, page);
  };

  /** Preview, save, or save moving the orphans: the form's three buttons. */
  const submit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    m: Managed,
    body: DraftBody,
    target: { template?: AgendaTemplate; consultorio?: string; servicio?: string },
  ) => {
    const draft = draftOf(body);
    const errors: FieldError[] = [];
    const resource = m.consultorios.find((k) => String(k.id) === target.consultorio);
    const service = m.services.find((s) => s.code === target.servicio);
    if (!target.template && !resource)
      errors.push({ field: 'consultorio', message: TEMPLATES.errors.consultorio });
    if (!target.template && !service) errors.push({ field: 'servicio', message: TEMPLATES.errors.service });
    for (const field of checkTemplateDraft(draft))
      errors.push({ field: FIELD_ID[field], message: TEMPLATES.errors[field] });
    const values = {
      ...body,
      consultorio: target.consultorio ?? '',
      servicio: target.servicio ?? '',
    } as Record<string, string | string[]>;
    if (errors.length) return showForm(request, reply, m, { template: target.template, values, errors });
    const change: TemplateChange = target.template
      ? { kind: 'edit', unitClues: m.unit.clues, templateId: target.template.id, draft }
      : {
          kind: 'create',
          unitClues: m.unit.clues,
          resourceId: resource?.id ?? 0,
          serviceCode: service?.code ?? '',
          draft,
        };
    if (body.accion === 'vista') {
      const preview = await previewTemplateChange(db, change, clock());
      return showForm(request, reply, m, { template: target.template, values, preview });
    }
    const outcome = await changeAgendaTemplate(
      db,
      { change, orphans: body.accion === 'reagendar' ? 'rebook' : 'refuse', ...who(request, m) },
      clock(),
    );
    if (outcome.kind === 'refused')
      return showForm(request, reply, m, { template: target.template, values, refused: outcome.orphans });
    return seeOther(reply, appliedUrl(m.unit.clues, outcome));
  };

  api.get(
    '/consola/unidades/:clues/plantillas',
    {
      schema: {
        params: UnitParams,
        querystring: Type.Object({
          reagendar: Type.Optional(Type.Integer({ minimum: 0 })),
          avisados: Type.Optional(Type.Integer({ minimum: 0 })),
          apartados: Type.Optional(Type.Integer({ minimum: 0 })),
          servicio: Type.Optional(Type.String({ maxLength: 40 })),
          mismo: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
        }),
      },
    },
    async (request, reply) => {
      const m = await manage(request, request.params.clues);
      const q = request.query;
      const service = m.services.find((s) => s.code === q.servicio);
      const done =
        service && q.mismo !== undefined
          ? TEMPLATES.sameDayDone(service.name, q.mismo)
          : q.reagendar !== undefined
            ? TEMPLATES.done(q.reagendar, q.avisados ?? 0, q.apartados ?? 0)
            : undefined;
      return showList(request, reply, m, { done });
    },
  );

  api.get(
    '/consola/unidades/:clues/plantillas/nueva',
    { schema: { params: UnitParams } },
    async (request, reply) => {
      const m = await manage(request, request.params.clues);
      return showForm(request, reply, m, { values: valuesOf(NEW_TEMPLATE_DRAFT) });
    },
  );

  api.post(
    '/consola/unidades/:clues/plantillas/nueva',
    {
      schema: {
        params: UnitParams,
        body: Type.Object({ consultorio: text(20), servicio: text(40), ...DraftFields }),
      },
    },
    async (request, reply) => {
      const m = await manage(request, request.params.clues);
      const { consultorio, servicio, ...body } = request.body;
      return submit(request, reply, m, body, { consultorio, servicio });
    },
  );

  api.get(
    '/consola/unidades/:clues/plantillas/:id',
    { schema: { params: TemplateParams } },
    async (request, reply) => {
      const m = await manage(request, request.params.clues);
      const template = await templateAt(m.unit.clues, request.params.id);
      return showForm(request, reply, m, { template, values: valuesOf(draftOfTemplate(template)) });
    },
  );

  api.post(
    '/consola/unidades/:clues/plantillas/:id',
    { schema: { params: TemplateParams, body: Type.Object(DraftFields) } },
    async (request, reply) => {
      const m = await manage(request, request.params.clues);
      const template = await templateAt(m.unit.clues, request.params.id);
      return submit(request, reply, m, request.body, { template });
    },
  );

  api.post(
    '/consola/unidades/:clues/plantillas/:id/retirar',
    {
      schema: {
        params: TemplateParams,
        body: Type.Object({ accion: Type.Optional(Type.Literal('reagendar')) }),
      },
    },
    async (request, reply) => {
      const m = await manage(request, request.params.clues);
      const template = await templateAt(m.unit.clues, request.params.id);
      const outcome = await changeAgendaTemplate(
        db,
        {
          change: { kind: 'retire', unitClues: m.unit.clues, templateId: template.id },
          orphans: request.body.accion === 'reagendar' ? 'rebook' : 'refuse',
          ...who(request, m),
        },
        clock(),
      );
      if (outcome.kind === 'refused')
        return showForm(request, reply, m, {
          template,
          values: valuesOf(draftOfTemplate(template)),
          refused: outcome.orphans,
          retireRefused: true,
        });
      return seeOther(reply, appliedUrl(m.unit.clues, outcome));
    },
  );

  api.post(
    '/consola/unidades/:clues/plantillas/mismo-dia',
    { schema: { params: UnitParams, body: Type.Object({ servicio: text(40), mismo_dia: text(4) }) } },
    async (request, reply) => {
      const m = await manage(request, request.params.clues);
      const service = m.services.find((s) => s.code === request.body.servicio);
      const share = integer(request.body.mismo_dia);
      const errors: FieldError[] = [];
      if (!service) errors.push({ field: 'servicio', message: TEMPLATES.errors.service });
      if (!(share >= 0 && share <= 100))
        errors.push({ field: 'mismo_dia', message: TEMPLATES.errors.sameDayShare });
      if (!service || errors.length) return showList(request, reply, m, { errors });
      await setSameDayShare(
        db,
        { unitClues: m.unit.clues, serviceCode: service.code, share, ...who(request, m) },
        clock(),
      );
      return seeOther(
        reply,
        `/consola/unidades/${m.unit.clues}/plantillas?servicio=${service.code}&mismo=${share}`,
      );
    },
  );
}
