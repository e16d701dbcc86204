import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { DomainError } from '../domain-error.js';
import { CSRF_FIELD } from './csrf.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The fields this route's form posts (the CSRF token aside); a body with any other is refused. */
    formFields?: readonly string[];
  }
}

/** Refusal code of a form carrying fields its route does not take. */
export const FORM_FIELDS_UNEXPECTED = 'FORM_FIELDS_UNEXPECTED';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The properties a route's body schema names, if it has one. */
function fieldsOfBodySchema(schema: RouteOptions['schema']): string[] | undefined {
  const properties = (schema?.body as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : undefined;
}

/**
 * Over-posting guard for a browser scope that opts in: every state-changing route must name its
 * form fields, in `config.formFields` or as the properties of its body schema (checked as routes
 * are added, so a forgotten one fails at start, not in production), and a body with any other
 * field is refused before validation, rate limits or handlers run, so nothing a page does not offer
 * (a person, a status, a channel) can be slipped in.
 */
export function requireDeclaredFormFields(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route: RouteOptions) => {
    const methods = [route.method].flat();
    if (!methods.some((m) => UNSAFE_METHODS.has(m))) return;
    const formFields = route.config?.formFields ?? fieldsOfBodySchema(route.schema);
    if (!formFields) throw new Error(`${route.url} takes a form but does not declare its formFields`);
    route.config = { ...route.config, formFields };
  });
  scope.addHook('preValidation', async (request: FastifyRequest) => {
    const declared = request.routeOptions.config.formFields;
    if (!declared) return;
    const body = request.body ?? {};
    const sent = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : ['(not a form)'];
    if (sent.some((name) => name !== CSRF_FIELD && !declared.includes(name))) {
      throw new DomainError(FORM_FIELDS_UNEXPECTED, 'form with fields its route does not take');
    }
  });
}
