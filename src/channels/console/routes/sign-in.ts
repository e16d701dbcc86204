import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../audit/record.js';
import {
  checkStaffPassword,
  pendingStaffChallenge,
  type StaffSignInPolicy,
  type StaffSignInStep,
  takeLockoutNotice,
  verifyStaffCode,
} from '../../../identity/staff-sign-in.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { enforceRateLimit } from '../../../platform/rate-limit/enforce.js';
import { homeOf } from '../access.js';
import { requireSignedIn } from '../agent.js';
import type { ConsoleContext } from '../context.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import { lockoutNoticePage, secondFactorPage, signInPage } from '../pages/sign-in.js';

const Text = Type.Optional(Type.String({ maxLength: 500 }));
const SignInBody = Type.Object({ correo: Text, clave: Text });
const CodeBody = Type.Object({ codigo: Text });

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 200) : '';
};

export function signInRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, sessions, clock, config, rateLimits } = context;
  const limits = config.staffSignIn;
  const policy: StaffSignInPolicy = {
    totpRequiredRoles: new Set(limits.totpRequiredRoles),
    totpKey: limits.totpKey,
  };

  /**
   * Before any account is looked at: per address (request.ip, the one trusted value) and for
   * everyone together, so neither one client nor a botnet can try passwords at speed.
   */
  async function limitSignIns(request: FastifyRequest) {
    const now = clock();
    await enforceRateLimit(
      rateLimits,
      { key: `console:sign-in:ip:${request.ip}`, limit: limits.perIpPerHour, windowSeconds: 3600 },
      now,
    );
    await enforceRateLimit(
      rateLimits,
      { key: 'console:sign-in:all', limit: limits.globalPerMinute, windowSeconds: 60 },
      now,
    );
  }

  const sourceOf = (request: FastifyRequest) => ({
    address: request.ip,
    sessionHash: request.session?.idHash ?? '',
  });

  const auditStep = (request: FastifyRequest, step: StaffSignInStep) =>
    recordAudit(db, {
      actor: {
        kind: 'staff',
        id: String(step.kind === 'refused' ? (step.accountId ?? 'unknown') : step.account.id),
      },
      action: 'staff.sign_in',
      channel: 'console',
      sourceIp: request.ip,
      result: step.kind === 'refused' ? 'refused' : 'ok',
      detail: step.kind === 'refused' ? { reason: step.reason } : { step: step.kind },
    });

  /** Signed in: a brand-new session (a session planted before sign-in is worth nothing). */
  async function signedIn(
    request: FastifyRequest,
    reply: FastifyReply,
    step: Extract<StaffSignInStep, { kind: 'signed_in' }>,
  ) {
    await sessions.signIn(request, reply, { kind: 'staff', id: String(step.account.id) });
    return seeOther(reply, step.lockoutsUnseen > 0 ? '/consola/aviso' : homeOf(step.account));
  }

  app.get('/consola/entrar', async (request, reply) => {
    if (request.agent) return seeOther(reply, homeOf(request.agent));
    const session = await sessions.ensure(request, reply);
    return sendConsolePage(context, request, reply, signInPage(session.csrfToken, '', []));
  });

  app.post('/consola/entrar', { schema: { body: SignInBody } }, async (request, reply) => {
    const email = field(request.body, 'correo').trim();
    const password = field(request.body, 'clave');
    const csrfToken = request.session?.csrfToken ?? '';
    const t = CONSOLE.signIn;
    if (!email || !password) {
      return sendConsolePage(
        context,
        request,
        reply,
        signInPage(csrfToken, email, [{ field: 'correo', message: t.missing }]),
      );
    }
    await limitSignIns(request);
    // The answer leaves at a common moment: an unknown e-mail, a wrong password and a locked
    // address are told apart neither by the page nor by the time it takes.
    const answerAt = performance.now() + limits.answerMs;
    const session = await sessions.ensure(request, reply);
    const step = await checkStaffPassword(
      db,
      { email, password },
      { address: request.ip, sessionHash: session.idHash },
      policy,
      clock(),
    );
    await auditStep(request, step);
    await sleep(Math.max(0, answerAt - performance.now()));
    switch (step.kind) {
      case 'refused':
        return sendConsolePage(
          context,
          request,
          reply,
          signInPage(session.csrfToken, email, [{ field: 'correo', message: t.invalid }]),
        );
      case 'signed_in':
        return signedIn(request, reply, step);
      default:
        return seeOther(reply, '/consola/entrar/codigo');
    }
  });

  app.get('/consola/entrar/codigo', async (request, reply) => {
    const pending =
      request.session && (await pendingStaffChallenge(db, request.session.idHash, policy, clock()));
    if (!request.session || !pending) return seeOther(reply, '/consola/entrar');
    return sendConsolePage(
      context,
      request,
      reply,
      secondFactorPage(request.session.csrfToken, pending.enrol, []),
    );
  });

  app.post('/consola/entrar/codigo', { schema: { body: CodeBody } }, async (request, reply) => {
    const t = CONSOLE.secondFactor;
    const source = sourceOf(request);
    const csrfToken = request.session?.csrfToken ?? '';
    const pending = request.session && (await pendingStaffChallenge(db, source.sessionHash, policy, clock()));
    if (!pending) {
      const expired = [{ field: 'correo', message: t.expired }];
      return sendConsolePage(context, request, reply, signInPage(csrfToken, '', expired));
    }
    const again = (message: string) =>
      sendConsolePage(
        context,
        request,
        reply,
        secondFactorPage(csrfToken, pending.enrol, [{ field: 'codigo', message }]),
      );
    const code = field(request.body, 'codigo').trim();
    if (!code) return again(t.missing);
    await limitSignIns(request);
    const answerAt = performance.now() + limits.answerMs;
    const step = await verifyStaffCode(db, code, source, policy, clock());
    await auditStep(request, step);
    await sleep(Math.max(0, answerAt - performance.now()));
    if (step.kind === 'signed_in') return signedIn(request, reply, step);
    return again(t.invalid);
  });

  app.get('/consola/aviso', async (request, reply) => {
    const agent = requireSignedIn(request);
    const lockouts = await takeLockoutNotice(db, agent.id);
    if (lockouts === 0) return seeOther(reply, homeOf(agent));
    return sendConsolePage(context, request, reply, lockoutNoticePage(lockouts, homeOf(agent)));
  });

  app.post('/consola/salir', { config: { formFields: [] } }, async (request, reply) => {
    if (request.agent) {
      await recordAudit(db, {
        actor: { kind: 'staff', id: String(request.agent.id) },
        action: 'staff.sign_out',
        channel: 'console',
        sourceIp: request.ip,
        result: 'ok',
      });
    }
    await sessions.signOut(request, reply);
    return seeOther(reply, '/consola/entrar');
  });
}
