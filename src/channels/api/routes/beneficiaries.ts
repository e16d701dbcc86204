import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { eligibilityNow } from '../../../booking/eligibility.js';
import { readPersonForStaff } from '../../../identity/person-reads.js';
import { DomainError } from '../../../platform/domain-error.js';
import { searchBeneficiaries } from '../../../registry/beneficiaries.js';
import { validateCurp } from '../../../registry/curp.js';
import type { ApiContext } from '../context.js';
import { presentBeneficiary } from '../present.js';
import { Beneficiary, CluesString, CurpString, Items, problemResponses } from '../schemas.js';
import { assertAllowedOnUnit, staffReader } from '../staff-auth.js';

/** Staff look-ups of the registry. */
export function beneficiaryRoutes({ app, db, clock, requireStaff }: ApiContext) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/beneficiaries',
    {
      onRequest: requireStaff('beneficiary.read'),
      schema: {
        tags: ['padrón'],
        summary: 'Buscar derechohabientes (personal)',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            unit: Type.Optional(CluesString),
            q: Type.Optional(Type.String({ minLength: 2, maxLength: 80 })),
            eligible: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(Beneficiary), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const now = clock();
      const { q, eligible, limit = 50 } = request.query;
      // Unit-scoped staff search their own unit only.
      const unit = request.staff?.unitClues ?? request.query.unit;
      await assertAllowedOnUnit(request, 'beneficiary.read', () => request.query.unit ?? unit ?? null);
      const found = await searchBeneficiaries(db, {
        unit,
        q,
        eligible: eligible === undefined ? undefined : { value: eligible, at: now },
        limit,
      });
      const eligibleNow = await eligibilityNow(db, found, now);
      return { items: found.map((b) => presentBeneficiary(b, eligibleNow(b))) };
    },
  );

  api.get(
    '/api/v1/beneficiaries/:curp',
    {
      onRequest: requireStaff('beneficiary.read'),
      schema: {
        tags: ['padrón'],
        summary: 'Un derechohabiente y su familia (personal)',
        security: [{ bearer: [] }],
        params: Type.Object({ curp: CurpString }),
        response: {
          200: Type.Composite([Beneficiary, Type.Object({ family: Type.Array(Beneficiary) })]),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const curp = parseCurp(request.params.curp);
      const { person, family } = await readPersonForStaff(db, curp, staffReader(request));
      const eligibleNow = await eligibilityNow(db, [person, ...family], clock());
      return {
        ...presentBeneficiary(person, eligibleNow(person)),
        family: family.map((b) => presentBeneficiary(b, eligibleNow(b))),
      };
    },
  );
}

/** A CURP from a request, normalised, or a 400 INVALID_CURP saying what is wrong with it. */
export function parseCurp(input: string): string {
  const result = validateCurp(input);
  if (!result.ok) throw new DomainError('INVALID_CURP', 'invalid CURP', { problem: result.problem });
  return result.curp;
}
