import { DateTime } from 'luxon';
import type { AuditFilter } from '../../audit/search.js';
import { calendarDay } from '../../platform/calendar-day.js';
import type { FieldError } from '../../platform/html/components.js';
import { CONSOLE } from '../../platform/i18n/console-messages.js';
import { validateCurp } from '../../registry/curp.js';

/** Dates typed by an auditor are days on the walls of central Mexico, where the institute audits. */
export const AUDIT_ZONE = 'America/Mexico_City';

/** The audit page's form, as typed (to show it back). */
export interface AuditForm {
  personal: string;
  curp: string;
  unidad: string;
  desde: string;
  hasta: string;
}

export interface ParsedAuditQuery {
  form: AuditForm;
  /** The filter without the person; `curp` is looked up in the registry by the route. */
  filter: Omit<AuditFilter, 'beneficiaryId'>;
  curp: string | null;
  errors: FieldError[];
}

const CLUES = /^[A-Z0-9]{11}$/;

function startOfDay(text: string): DateTime | null {
  const day = calendarDay(text);
  return day === null ? null : DateTime.fromISO(day, { zone: AUDIT_ZONE }).startOf('day');
}

/** Reads the filter fields; a field that does not parse is reported and left out of the filter. */
export function parseAuditQuery(query: Partial<Record<keyof AuditForm, string>>): ParsedAuditQuery {
  const e = CONSOLE.audit.errors;
  const form: AuditForm = {
    personal: query.personal?.trim() ?? '',
    curp: query.curp?.trim().toUpperCase() ?? '',
    unidad: query.unidad?.trim().toUpperCase() ?? '',
    desde: query.desde?.trim() ?? '',
    hasta: query.hasta?.trim() ?? '',
  };
  const errors: FieldError[] = [];
  const filter: ParsedAuditQuery['filter'] = {};
  if (form.personal) {
    if (/^\d{1,15}$/.test(form.personal)) filter.staff = { id: Number(form.personal) };
    else if (/^[^@\s]+@[^@\s]+$/.test(form.personal)) filter.staff = { email: form.personal };
    else errors.push({ field: 'personal', message: e.staff });
  }
  let curp: string | null = null;
  if (form.curp) {
    const checked = validateCurp(form.curp);
    if (checked.ok) curp = checked.curp;
    else errors.push({ field: 'curp', message: e.curp });
  }
  if (form.unidad) {
    if (CLUES.test(form.unidad)) filter.unitClues = form.unidad;
    else errors.push({ field: 'unidad', message: e.unit });
  }
  const from = form.desde ? startOfDay(form.desde) : null;
  if (form.desde && !from) errors.push({ field: 'desde', message: e.date });
  const until = form.hasta ? startOfDay(form.hasta) : null;
  if (form.hasta && !until) errors.push({ field: 'hasta', message: e.date });
  if (from && until && until < from) errors.push({ field: 'hasta', message: e.range });
  if (from) filter.from = from.toJSDate();
  // "Hasta" includes the whole day typed.
  if (until) filter.until = until.plus({ days: 1 }).toJSDate();
  return { form, filter, curp, errors };
}

/** The query string that repeats a filter (for the next page and the CSV link). */
export function auditQueryString(form: AuditForm, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...form, ...extra })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** An instant with its UTC offset on central Mexico's walls: "2026-11-03 14:05:09 -06:00". */
export const auditTime = (at: Date): string =>
  DateTime.fromJSDate(at, { zone: AUDIT_ZONE }).toFormat('yyyy-MM-dd HH:mm:ss ZZ');
