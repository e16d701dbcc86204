import type { Config } from '../config.js';
import { httpSmsAdapter, logSmsAdapter } from '../notify/adapters.js';
import type { NoticeAdapters } from '../notify/channels.js';
import { type DeliveryRound, drainOutbox } from '../notify/deliver.js';
import { onOutboxRing } from '../notify/outbox-bell.js';
import { httpEmailAdapter, httpWhatsAppAdapter, logChannelAdapter } from '../notify/whatsapp-email.js';
import type { Db } from '../platform/db/connect.js';
import { composeQueuedSms } from './notices.js';

const DELIVERY_INTERVAL_MS = 500;
/**
 * Drains running side by side in one process, each leasing rounds of ROUND messages: a code queued
 * during a burst waits for a small round to end, not a large one, and at most
 * CONCURRENT_DRAINS × ROUND messages are with the gateway at once.
 */
const CONCURRENT_DRAINS = 4;
const ROUND = 12;

export interface SmsWorkerLog {
  info(entry: Record<string, unknown>, message: string): void;
  warn(entry: Record<string, unknown>, message: string): void;
  error(entry: Record<string, unknown>, message: string): void;
}

/** SMS always; WhatsApp and e-mail when configured (notify/channels.ts picks one per notice). */
function noticeAdapters(
  config: Pick<Config, 'sms' | 'notices' | 'production'>,
  log: SmsWorkerLog,
): NoticeAdapters {
  const logTo = (entry: Record<string, unknown>, message: string) => log.info(entry, message);
  const { whatsapp, email } = config.notices;
  return {
    sms:
      config.sms.adapter === 'http'
        ? httpSmsAdapter(config.sms)
        : logSmsAdapter(logTo, { showCodes: !config.production }),
    whatsapp:
      whatsapp.adapter === 'http'
        ? httpWhatsAppAdapter(whatsapp)
        : whatsapp.adapter === 'log'
          ? logChannelAdapter('whatsapp', logTo)
          : undefined,
    email:
      email.adapter === 'http'
        ? httpEmailAdapter(email)
        : email.adapter === 'log'
          ? logChannelAdapter('email', logTo)
          : undefined,
  };
}

/**
 * The SMS worker of a server process: drains the outbox every `intervalMs` and whenever a sign-in
 * rings the bell (outbox-bell.ts). Up to CONCURRENT_DRAINS drains at a time; a ring while they are
 * all busy runs another as soon as one ends, so under a burst the worker sends continuously, in
 * small rounds of concurrent sends (drainOutbox). Drains of this and other processes never send a
 * message twice: each is leased first, with SKIP LOCKED. Returns the function that stops it.
 */
export function startSmsWorker(
  db: Db,
  config: Pick<Config, 'sms' | 'notices' | 'secrets' | 'production'>,
  log: SmsWorkerLog,
  intervalMs = DELIVERY_INTERVAL_MS,
): () => void {
  const adapters = noticeAdapters(config, log);
  const compose = composeQueuedSms(db, config.secrets, () => new Date());
  let draining = 0;
  let rungMeanwhile = false;
  const deliver = async () => {
    if (draining >= CONCURRENT_DRAINS) {
      rungMeanwhile = true;
      return;
    }
    draining++;
    try {
      do {
        rungMeanwhile = false;
        const round: DeliveryRound = await drainOutbox(db, adapters, compose, () => new Date(), ROUND);
        if (round.failed > 0) log.warn({ ...round }, 'some SMS could not be delivered');
      } while (rungMeanwhile);
    } catch (err) {
      log.error({ err }, 'SMS delivery failed');
    } finally {
      draining--;
    }
  };
  const timer = setInterval(() => void deliver(), intervalMs);
  timer.unref();
  const unsubscribe = onOutboxRing(() => void deliver());
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
