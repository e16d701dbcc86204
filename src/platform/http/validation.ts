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

/** Fastify's schema controller with strict bodies; Fastify's own Ajv compiler does the work. */
export function strictBodySchemas(): NonNullable<FastifyServerOptions['schemaController']> {
  const compilers = AjvCompiler();
  return {
    compilersFactory: {
      buildValidator: ((externalSchemas: ExternalSchemas) => {
        const body = compilers(externalSchemas, { customOptions: BODY });
        const text = compilers(externalSchemas, { customOptions: TEXT_PARTS });
        return (route: { httpPart?: string; url?: string }) =>
          (route.httpPart === 'body' && route.url?.startsWith(JSON_API) ? body : text)(route as never);
      }) as ValidatorFactory,
    },
  };
}
