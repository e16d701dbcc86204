import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { type AuditFilter, type AuditPage, searchAuditLog } from '../../../audit/search.js';
import type { StaffAccount } from '../../../identity/staff-accounts.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { maskCurp } from '../../../platform/privacy/mask.js';
import { findBeneficiaryByCurp } from '../../../registry/beneficiaries.js';
import { requireNational } from '../access.js';
import { auditAgent } from '../agent.js';
import {
  AUDIT_ZONE,
  auditQueryString,
  auditTime,
  type ParsedAuditQuery,
  parseAuditQuery,
} from '../audit-query.js';
import type { ConsoleContext } from '../context.js';
import { auditPage } from '../pages/audit.js';
import { sendConsolePage } from '../pages/frame.js';
import { consoleProblemPage } from '../pages/problem.js';

/** Entries per page of the audit view. */
export const AUDIT_PAGE_SIZE = 50;
/** Rows a CSV export may hold: a bounded answer (built in memory), enough for one case file. */
export const AUDIT_EXPORT_MAX = 10_000;

const field = Type.Optional(Type.String({ maxLength: 200 }));
const AuditQuery = Type.Object(
  {
    personal: field,
    curp: field,
    unidad: field,
    desde: field,
    hasta: field,
    antes: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
);

const exportMax = AUDIT_EXPORT_MAX.toLocaleString('es-MX');

/** Auditors (and only they: roles.ts grants audit.read to no one else) read the audit trail. */
export function auditRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  /**
   * The filter with the person's CURP resolved to their record. An unknown CURP matches nothing;
   * null then means "no entries", without a query.
   */
  async function resolve(
    parsed: ParsedAuditQuery,
  ): Promise<{ filter: AuditFilter; subject: number | null } | null> {
    if (!parsed.curp) return { filter: parsed.filter, subject: null };
    const person = await findBeneficiaryByCurp(db, parsed.curp);
    return person ? { filter: { ...parsed.filter, beneficiaryId: person.id }, subject: person.id } : null;
  }

  /** Reading the trail is itself recorded: who looked, at what filter, in which form. */
  const auditTheRead = (
    request: FastifyRequest,
    agent: StaffAccount,
    parsed: ParsedAuditQuery,
    subject: number | null,
    detail: Record<string, unknown>,
  ) =>
    auditAgent(db, request, agent, {
      action: 'audit.read',
      subjectBeneficiaryId: subject,
      result: 'ok',
      detail: {
        filter: {
          ...parsed.form,
          // The CURP is recorded masked; the person is named by subject_beneficiary_id.
          curp: parsed.curp ? maskCurp(parsed.curp) : '',
        },
        ...detail,
      },
    });

  api.get('/consola/auditoria', { schema: { querystring: AuditQuery } }, async (request, reply) => {
    const agent = requireNational(request, 'audit.read');
    const parsed = parseAuditQuery(request.query);
    let page: AuditPage = { entries: [], nextBefore: null };
    if (parsed.errors.length === 0) {
      const resolved = await resolve(parsed);
      if (resolved) {
        page = await searchAuditLog(db, resolved.filter, {
          before: request.query.antes,
          limit: AUDIT_PAGE_SIZE,
        });
      }
      await auditTheRead(request, agent, parsed, resolved?.subject ?? null, {
        format: 'html',
        before: request.query.antes ?? null,
        shown: page.entries.length,
      });
    }
    return sendConsolePage(
      context,
      request,
      reply,
      auditPage({
        form: parsed.form,
        errors: parsed.errors,
        entries: page.entries,
        nextBefore: page.nextBefore,
        isFirstPage: request.query.antes === undefined,
        exportMax,
      }),
    );
  });

  api.get('/consola/auditoria/csv', { schema: { querystring: AuditQuery } }, async (request, reply) => {
    const agent = requireNational(request, 'audit.read');
    const parsed = parseAuditQuery(request.query);
    if (parsed.errors.length) {
      return sendConsolePage(
        context,
        request,
        reply,
        auditPage({
          form: parsed.form,
          errors: parsed.errors,
          entries: [],
          nextBefore: null,
          isFirstPage: true,
          exportMax,
        }),
      );
    }
    const resolved = await resolve(parsed);
    const page: AuditPage = resolved
      ? await searchAuditLog(db, resolved.filter, { limit: AUDIT_EXPORT_MAX })
      : { entries: [], nextBefore: null };
    const tooMany = page.nextBefore !== null;
    await auditTheRead(request, agent, parsed, resolved?.subject ?? null, {
      format: 'csv',
      rows: tooMany ? 0 : page.entries.length,
      refusedOverCap: tooMany,
    });
    if (tooMany) {
      const t = CONSOLE.audit.tooMany;
      return sendConsolePage(
        context,
        request,
        reply,
        consoleProblemPage({
          status: 422,
          code: 'AUDIT_EXPORT_TOO_LARGE',
          title: t.title,
          body: t.body(exportMax),
          next: { href: `/consola/auditoria${auditQueryString(parsed.form)}`, label: t.back },
        }),
      );
    }
    const csv = stringify(
      page.entries.map((r) => [
        r.id,
        auditTime(r.at),
        r.actorKind,
        r.actorId,
        r.actorEmail ?? '',
        r.action,
        r.subjectBeneficiaryId ?? '',
        r.subjectCurpMasked ?? '',
        r.unitClues ?? '',
        r.channel,
        r.sourceIp ?? '',
        r.result,
        JSON.stringify(r.detail),
      ]),
      { header: true, columns: [...CONSOLE.audit.csvHeader] },
    );
    const day = DateTime.fromJSDate(clock(), { zone: AUDIT_ZONE }).toISODate() as string;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${CONSOLE.audit.csvFile(day)}"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
