import { API_VALIDATION as t } from '../i18n/api-messages.js';

// What a refused request got wrong, from the first error of Fastify's validator (Ajv, run verbose so
// that the failing schema and its description travel with the error): which part of the request,
// which field, and what the field must be, never a bare "not valid".

export interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  parentSchema?: { description?: unknown };
}

/** A client's unknown field is named back only when it is a plain identifier: never echo other input. */
const namedSafely = (name: string) => (/^[A-Za-z][A-Za-z0-9_-]{0,39}$/.test(name) ? name : '…');

function rule(issue: ValidationIssue): string {
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case 'minLength':
      return t.minLength(p.limit);
    case 'maxLength':
      return t.maxLength(p.limit);
    case 'minimum':
      return t.minimum(p.limit);
    case 'maximum':
      return t.maximum(p.limit);
    case 'type':
      return t.type(
        [p.type]
          .flat()
          .map((name) => t.typeNames[String(name)] ?? String(name))
          .join(' o '),
      );
    case 'enum':
      return t.enum([p.allowedValues].flat().join(', '));
    case 'format':
      return t.format(String(p.format));
    default:
      return t.invalid;
  }
}

/** The reason a request was refused, e.g. «el encabezado «idempotency-key» debe tener al menos 8 caracteres (…)». */
export function validationReason(issue: ValidationIssue | undefined, context: string | undefined): string {
  if (!issue) return t.none;
  const p = (issue.params ?? {}) as { additionalProperty?: string; missingProperty?: string };
  if (p.additionalProperty) return t.notAllowed(namedSafely(p.additionalProperty));
  const subject = t.part[context ?? 'body'] ?? ((name: string) => `«${name}»`);
  if (p.missingProperty) return t.missing(subject(p.missingProperty));
  const field = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.') || String(context ?? '');
  const description = issue.parentSchema?.description;
  return `${subject(field)} ${rule(issue)}${typeof description === 'string' ? ` (${description})` : ''}`;
}
