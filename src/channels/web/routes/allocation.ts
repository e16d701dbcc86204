import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { AllocationError } from '../../../allocation/errors.js';
import {
  acceptsRequests,
  getAllocationRelease,
  releasesTakingRequests,
} from '../../../allocation/releases.js';
import { fileRequest, requestsOf, withdrawRequest } from '../../../allocation/requests.js';
import type { FieldError } from '../../../platform/html/components.js';
import { ALLOCATION_WEB } from '../../../platform/i18n/allocation-messages.js';
import type { WebContext } from '../context.js';
import { field, fieldValues } from '../form-fields.js';
import {
  EMPTY_REQUEST_FORM,
  myRequestsPage,
  type RequestFormValues,
  releasesPage,
  requestFormPage,
  requestReceivedPage,
} from '../pages/allocation.js';
import { seeOther, sendPage } from '../pages/frame.js';
import { readSignInForm, SIGN_IN_FIELDS } from '../sign-in-form.js';
import { actorOf, idParam, requireVisitor } from '../visitor.js';

type WithId = { Params: { id: string } };
const REQUEST_FIELDS = [...SIGN_IN_FIELDS, 'dias', 'turno'] as const;

/** The repeated `dias` boxes: one value or many. */
const daysOf = (body: unknown): string[] => fieldValues(body, 'dias');

/**
 * Request and allocate in the portal: anyone may file a request with a CURP and its birth date (the
 * same answer for every well-formed pair, at the same moment, as sign-in); seeing and withdrawing
 * requests needs the code sign-in (Mis solicitudes).
 */
export function allocationRoutes(app: FastifyInstance, context: WebContext) {
  const { db, clock, sessions, limiter } = context;
  const releaseOf = async (raw: string) => {
    const id = idParam(raw);
    if (id === null) throw new AllocationError('RELEASE_NOT_FOUND', 'not a release id');
    return getAllocationRelease(db, id);
  };

  app.get('/solicitudes', async (request, reply) =>
    sendPage(context, request, reply, releasesPage(await releasesTakingRequests(db, clock()))),
  );

  app.get<WithId>('/solicitudes/:id', async (request, reply) => {
    const release = await releaseOf(request.params.id);
    if (!acceptsRequests(release, clock())) {
      throw new AllocationError('ALLOCATION_WINDOW_CLOSED', 'the release takes no requests now');
    }
    const session = await sessions.ensure(request, reply);
    return sendPage(
      context,
      request,
      reply,
      requestFormPage(release, session.csrfToken, EMPTY_REQUEST_FORM, []),
    );
  });

  app.post<WithId>(
    '/solicitudes/:id',
    { config: { formFields: REQUEST_FIELDS, writes: true } },
    async (request, reply) => {
      const release = await releaseOf(request.params.id);
      const signIn = readSignInForm(request.body);
      const shift = field(request.body, 'turno');
      const days = daysOf(request.body);
      const values: RequestFormValues = {
        ...(signIn.ok ? { curp: signIn.curp, ...splitDate(signIn.birthDate) } : signIn.values),
        days,
        shift,
      };
      // A birth date that is not the CURP's is among the sign-in form's errors (sign-in-form.ts).
      const errors: FieldError[] = signIn.ok ? [] : [...signIn.errors];
      const csrfToken = request.session?.csrfToken ?? '';
      if (errors.length > 0 || !signIn.ok) {
        return sendPage(context, request, reply, requestFormPage(release, csrfToken, values, errors));
      }
      await limiter.signInStart(request, signIn.curp);
      // One answer, at one moment, whatever the registry holds (as sign-in).
      const answerAt = performance.now() + context.config.signInAnswerMs;
      await fileRequest(
        db,
        {
          releaseId: release.id,
          curp: signIn.curp,
          channel: 'web',
          actor: 'beneficiary:anonymous',
          days,
          shift: shift === 'M' || shift === 'V' ? shift : null,
          sourceIp: request.ip,
        },
        clock(),
      );
      await sleep(Math.max(0, answerAt - performance.now()));
      return seeOther(reply, `/solicitudes/${release.id}/recibida`);
    },
  );

  app.get<WithId>('/solicitudes/:id/recibida', async (request, reply) =>
    sendPage(context, request, reply, requestReceivedPage(await releaseOf(request.params.id))),
  );

  app.get('/mis-solicitudes', async (request, reply) => {
    const visitor = await requireVisitor(context, request);
    const now = clock();
    const requests = await requestsOf(
      db,
      visitor.people.map((p) => p.id),
    );
    const shown = [];
    for (const r of requests) {
      const release = await getAllocationRelease(db, r.releaseId);
      const person = visitor.people.find((p) => p.id === r.beneficiaryId);
      if (person) shown.push({ request: r, release, person, withdrawable: acceptsRequests(release, now) });
    }
    const notice = field(request.query, 'retirada') === '1' ? ALLOCATION_WEB.mine.withdrawn : undefined;
    return sendPage(context, request, reply, myRequestsPage(shown, request.session?.csrfToken ?? '', notice));
  });

  app.post<WithId>(
    '/mis-solicitudes/:id/retirar',
    { config: { formFields: [], writes: true } },
    async (request, reply) => {
      const visitor = await requireVisitor(context, request);
      await limiter.change(request, visitor.me.id);
      await withdrawRequest(
        db,
        {
          requestId: idParam(request.params.id) ?? 0,
          allowed: visitor.people.map((p) => p.id),
          actor: actorOf(visitor),
          channel: 'web',
          sourceIp: request.ip,
        },
        clock(),
      );
      return seeOther(reply, '/mis-solicitudes?retirada=1');
    },
  );
}

function splitDate(birthDate: string) {
  const [year = '', month = '', day = ''] = birthDate.split('-');
  return { day, month, year };
}
