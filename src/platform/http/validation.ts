import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

// A JSON body of the API must carry the types its schema names: coercing "1" into 1 or "true" into
// true would let a client send what the API never documented. Forms (pages, telephony webhooks),
// query strings, paths and headers are text by nature, so those are coerced. Unknown fields are
// refused everywhere, never silently dropped.
// Verbose: a refusal names what the field must be, from the failing schema (validation-reason.ts).
const BODY = { coerceTypes: false, removeAdditional: false, allErrors: false, verbose: true } as const;
const TEXT_PARTS = {
  coerceTypes: 'array',
  removeAdditional: false,
  allErrors: false,
  verbose: true,
} as const;

const JSON_API = '/api/';

type ExternalSchemas = Parameters<ReturnType<typeof AjvCompiler>>[0];
type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

/** The path (JSON pointer) of the first number that is not finite in coerced data, or null. */
export function nonFiniteNumberAt(data: unknown, path = ''): string | null {
  if (typeof data === 'number') return Number.isFinite(data) ? null : path;
  if (data === null || typeof data !== 'object') return null;
  for (const [key, value] of Object.entries(data)) {
    const found = nonFiniteNumberAt(value, `${path}/${key}`);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Ajv coerces the text "1e400" (or "Infinity") into Infinity and then skips `minimum`/`maximum`,
 * which only look at finite numbers (ajv-validator/ajv#2212, unfixed in Ajv 8): every bound a schema
 * states would let Infinity through to SQL. So a coerced number that is not finite fails validation.
 */
function refusingNonFiniteNumbers(validate: Validate): Validate {
  const checked: Validate = (data) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const at = nonFiniteNumberAt(data);
    checked.errors =
      at === null
        ? null
        : [{ instancePath: at, schemaPath: '#', keyword: 'type', params: {}, message: 'must be finite' }];
    return at === null;
  };
  return checked;
}

/** Fastify's schema controller with strict bodies; Fastify's own Ajv compiler does the work. */
export function strictBodySchemas(): NonNullable<FastifyServerOptions['schemaController']> {
  const compilers = AjvCompiler();
  return {
    compilersFactory: {
      buildValidator: ((externalSchemas: ExternalSchemas) => {
        const body = compilers(externalSchemas, { customOptions: BODY });
        const text = compilers(externalSchemas, { customOptions: TEXT_PARTS });
        return (route: { httpPart?: string; url?: string }) =>
          route.httpPart === 'body' && route.url?.startsWith(JSON_API)
            ? body(route as never)
            : refusingNonFiniteNumbers(text(route as never) as Validate);
      }) as ValidatorFactory,
    },
  };
}
