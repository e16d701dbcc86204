import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../audit/record.js';
import type { PortalRateLimits } from '../../config.js';
import type { Db } from '../../platform/db/connect.js';
import { maskCurp } from '../../platform/privacy/mask.js';
import type { RateLimit } from '../../platform/rate-limit/counter.js';
import { enforceRateLimit, rateLimited } from '../../platform/rate-limit/enforce.js';
import type { RateLimitStore } from '../../platform/rate-limit/store.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** CURPs and sessions are counted under a hash: the counters' store never holds them in clear. */
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The portal's layered limits. Each form post is counted per address, per browser session and per
 * person (CURP typed, or the signed-in person) before any work is done, so a refused post sends no
 * code and books nothing. Refusals throw RATE_LIMITED, which the portal renders as a 429 page.
 */
export interface PortalLimiter {
  /** POST /entrar: a CURP and birth date that will send a code if they match. */
  signInStart(request: FastifyRequest, curp: string): Promise<void>;
  /** Code checks and re-sends. */
  code(request: FastifyRequest): Promise<void>;
  /** Booking, cancelling and changing posts of the signed-in person. */
  change(request: FastifyRequest, personId: number): Promise<void>;
  /** POST /fila/…: a place in a release's line (no SMS, but a place per CURP, so CURPs are counted too). */
  queueJoin(request: FastifyRequest, curp: string): Promise<void>;
  /** Every page read (GET): per browser session, and per address (generous: a carrier's NAT). */
  read(request: FastifyRequest): Promise<void>;
}

export function portalLimiter(deps: {
  db: Db;
  store: RateLimitStore;
  limits: PortalRateLimits;
  clock: () => Date;
}): PortalLimiter {
  const { store, limits } = deps;
  const sessionKey = (request: FastifyRequest) => digest(request.session?.idHash ?? 'none');

  /** The audit entry of a limit's first refusal in its window, not one per refused request of a script. */
  function auditRefusal(request: FastifyRequest, name: string, detail: Record<string, unknown>) {
    const subject = request.session?.subject;
    const personId = subject?.kind === 'beneficiary' ? Number(subject.id) : null;
    request.log.info({ limit: name }, 'portal rate limit');
    return recordAudit(deps.db, {
      actor: { kind: 'beneficiary', id: personId === null ? 'unknown' : String(personId) },
      action: 'web.rate_limited',
      subjectBeneficiaryId: personId,
      channel: 'web',
      sourceIp: request.ip,
      result: 'refused',
      detail: { limit: name, ...detail },
    });
  }

  /** Counts `rule`; past the limit, records the first refusal of the window and throws. */
  const enforce = (request: FastifyRequest, name: string, rule: RateLimit, detail = {}) =>
    enforceRateLimit(store, rule, deps.clock(), () => auditRefusal(request, name, detail));

  /**
   * SMS pumping: a client trying CURP after CURP. A CURP counts once per window (a person retrying
   * their own is not punished); past the limit of distinct CURPs the client is refused, even for
   * one it tried before, until the window ends.
   */
  async function distinctCurps(
    request: FastifyRequest,
    name: string,
    client: string,
    limit: number,
    curp: string,
  ) {
    if (limit <= 0) return;
    const counter = { key: `web:curps:${client}`, limit, windowSeconds: HOUR };
    const now = deps.clock();
    const seen = await store.hit(
      { key: `web:curp-seen:${client}:${digest(curp)}`, limit: 1, windowSeconds: HOUR },
      now,
    );
    if (seen.allowed) {
      await enforceRateLimit(store, counter, now, () =>
        auditRefusal(request, name, { curp: maskCurp(curp) }),
      );
      return;
    }
    // A CURP it tried before: counted already, but refused while the client is over the limit.
    if ((await store.count(counter, now)) > limit) throw rateLimited(counter, seen);
  }

  return {
    async signInStart(request, curp) {
      const session = sessionKey(request);
      const masked = { curp: maskCurp(curp) };
      await enforce(request, 'sign_in_per_ip', {
        key: `web:sign-in:ip:${request.ip}`,
        limit: limits.signInPerIpPerHour,
        windowSeconds: HOUR,
      });
      await enforce(request, 'sign_in_per_session', {
        key: `web:sign-in:session:${session}`,
        limit: limits.signInPerSessionPerHour,
        windowSeconds: HOUR,
      });
      await distinctCurps(
        request,
        'curps_per_session',
        `session:${session}`,
        limits.distinctCurpsPerSessionPerHour,
        curp,
      );
      await distinctCurps(
        request,
        'curps_per_ip',
        `ip:${request.ip}`,
        limits.distinctCurpsPerIpPerHour,
        curp,
      );
      // Counted whether or not the CURP exists: the answer must not tell.
      await enforce(
        request,
        'sign_in_per_curp',
        { key: `web:sign-in:curp:${digest(curp)}`, limit: limits.signInPerCurpPerHour, windowSeconds: HOUR },
        masked,
      );
    },
    async code(request) {
      await enforce(request, 'code_per_ip', {
        key: `web:code:ip:${request.ip}`,
        limit: limits.codePerIpPerHour,
        windowSeconds: HOUR,
      });
      await enforce(request, 'code_per_session', {
        key: `web:code:session:${sessionKey(request)}`,
        limit: limits.codePerSessionPerHour,
        windowSeconds: HOUR,
      });
    },
    async queueJoin(request, curp) {
      await enforce(request, 'queue_join_per_ip', {
        key: `web:queue:ip:${request.ip}`,
        limit: limits.signInPerIpPerHour,
        windowSeconds: HOUR,
      });
      await enforce(request, 'queue_join_per_session', {
        key: `web:queue:session:${sessionKey(request)}`,
        limit: limits.signInPerSessionPerHour,
        windowSeconds: HOUR,
      });
      await enforce(
        request,
        'queue_join_per_curp',
        { key: `web:queue:curp:${digest(curp)}`, limit: limits.signInPerCurpPerHour, windowSeconds: HOUR },
        { curp: maskCurp(curp) },
      );
    },
    async read(request) {
      await enforce(request, 'reads_per_ip', {
        key: `web:reads:ip:${request.ip}`,
        limit: limits.readsPerIpPerMinute,
        windowSeconds: MINUTE,
      });
      // A browser without a session yet is counted by its address alone.
      if (!request.session) return;
      await enforce(request, 'reads_per_session', {
        key: `web:reads:session:${sessionKey(request)}`,
        limit: limits.readsPerSessionPerMinute,
        windowSeconds: MINUTE,
      });
    },
    async change(request, personId) {
      await enforce(request, 'changes_per_session', {
        key: `web:changes:session:${sessionKey(request)}`,
        limit: limits.changesPerSessionPerHour,
        windowSeconds: HOUR,
      });
      await enforce(request, 'changes_per_person', {
        key: `web:changes:person:${personId}`,
        limit: limits.changesPerPersonPerDay,
        windowSeconds: DAY,
      });
    },
  };
}
