import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listServices } from '../../../network/services.js';
import { listStates, listUnits } from '../../../network/units.js';
import { paceFactor } from '../../../waiting-room/admission.js';
import { joinQueue } from '../../../waiting-room/join.js';
import { releaseOverview } from '../../../waiting-room/overview.js';
import { requeuePlace, waitingPlace } from '../../../waiting-room/places.js';
import { PLACE_TOKEN } from '../../../waiting-room/tokens.js';
import type { WebContext } from '../context.js';
import { field } from '../form-fields.js';
import { seeOther, sendPage } from '../pages/frame.js';
import { placePage, placePath, releasePage, releasesListPage } from '../pages/waiting-room.js';
import { readSignInForm, SIGN_IN_FIELDS, type SignInValues } from '../sign-in-form.js';

/** The places this browser took (tokens of their waiting pages), so a person can close the page and come back. */
export const PLACES_COOKIE = '__Host-citas_fila';
const MAX_PLACES_KEPT = 8;
const STATE = /^[A-Z]{2}$/;

type ReleaseParams = { Params: { clues: string; servicio: string } };
type PlaceParams = { Params: { token: string } };

export function waitingRoomRoutes(app: FastifyInstance, context: WebContext) {
  const { db, clock, config, sessions, limiter } = context;
  const { defaults, targetLatencyMs, refreshSeconds } = config.waitingRoom;
  const pace = (request: FastifyRequest) => ({
    defaults,
    factor: paceFactor(context.latency.current(), targetLatencyMs),
    sourceIp: request.ip,
  });
  const heldTokens = (request: FastifyRequest) =>
    (request.cookies[PLACES_COOKIE] ?? '')
      .split('.')
      .filter((t) => PLACE_TOKEN.test(t))
      .slice(0, MAX_PLACES_KEPT);
  const keepToken = (request: FastifyRequest, reply: FastifyReply, token: string) => {
    const tokens = [token, ...heldTokens(request).filter((t) => t !== token)].slice(0, MAX_PLACES_KEPT);
    reply.setCookie(PLACES_COOKIE, tokens.join('.'), {
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      maxAge: 86_400,
    });
  };

  app.get('/fila', async (request, reply) => {
    const state = field(request.query, 'estado');
    const services = new Map((await listServices(db)).map((s) => [s.code, s.name]));
    const states = await listStates(db);
    const units = STATE.test(state) ? await listUnits(db, { state, limit: 500 }) : null;
    return sendPage(context, request, reply, releasesListPage(states, units, services));
  });

  const showRelease = async (
    request: FastifyRequest<ReleaseParams>,
    reply: FastifyReply,
    values: SignInValues,
    errors: Parameters<typeof releasePage>[0]['errors'],
  ) => {
    const overview = await releaseOverview(
      db,
      {
        unitClues: request.params.clues,
        serviceCode: request.params.servicio,
        heldTokens: heldTokens(request),
      },
      defaults,
      clock(),
    );
    if (overview.release) reply.header('citas-release', overview.release.opensAt.toISOString());
    const session = await sessions.ensure(request, reply);
    return sendPage(
      context,
      request,
      reply,
      releasePage({ ...overview, csrfToken: session.csrfToken, values, errors }),
    );
  };

  app.get<ReleaseParams>('/fila/:clues/:servicio', async (request, reply) =>
    showRelease(request, reply, { curp: '', day: '', month: '', year: '' }, []),
  );

  app.post<ReleaseParams>(
    '/fila/:clues/:servicio',
    { config: { formFields: SIGN_IN_FIELDS } },
    async (request, reply) => {
      const form = readSignInForm(request.body);
      if (!form.ok) return showRelease(request, reply, form.values, form.errors);
      await limiter.queueJoin(request, form.curp);
      const { token } = await joinQueue(
        db,
        {
          unitClues: request.params.clues,
          serviceCode: request.params.servicio,
          curp: form.curp,
          birthDate: form.birthDate,
          sourceIp: request.ip,
        },
        defaults,
        clock(),
      );
      keepToken(request, reply, token);
      return seeOther(reply, placePath(token));
    },
  );

  app.get<PlaceParams>('/fila/lugar/:token', async (request, reply) => {
    const place = await waitingPlace(db, request.params.token, pace(request), clock());
    const state = place.view.state;
    reply.header('citas-queue-state', state);
    if (place.view.state === 'waiting') reply.header('citas-queue-position', String(place.view.position));
    if (place.view.state === 'admitted')
      reply.header('citas-pass-expires', place.view.passExpiresAt.toISOString());
    // The Refresh header rather than <meta refresh>: same effect with scripts off, and a person
    // reading with a screen reader can stop it ("Dejar de actualizar sola").
    const refreshing =
      field(request.query, 'actualizar') !== 'no' && (state === 'pending' || state === 'waiting');
    if (refreshing) reply.header('refresh', String(refreshSeconds));
    const csrfToken = state === 'expired' ? (await sessions.ensure(request, reply)).csrfToken : '';
    return sendPage(
      context,
      request,
      reply,
      placePage({
        ...place,
        token: request.params.token,
        csrfToken,
        refreshSeconds,
        refreshing,
        signedIn: request.session?.subject?.kind === 'beneficiary',
      }),
    );
  });

  app.post<PlaceParams>(
    '/fila/lugar/:token/volver',
    { config: { formFields: [] } },
    async (request, reply) => {
      await requeuePlace(db, request.params.token, clock(), request.ip);
      return seeOther(reply, placePath(request.params.token));
    },
  );
}
