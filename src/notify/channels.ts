// Channel-neutral delivery: every notice channel (SMS, WhatsApp, e-mail) is a MessageAdapter, and
// which one carries a person's notice is decided here, once, at delivery, with SMS as the default.
import type { OutgoingSms, SmsAdapter } from './adapters.js';

export type NoticeChannel = 'sms' | 'whatsapp' | 'email';

/** A message as any channel sends it: `recipient` is a 10-digit phone, or an e-mail address. */
export type OutgoingMessage = OutgoingSms;

/** Sends one message on its channel; resolves with the provider's id, or throws to have it retried. */
export type MessageAdapter = SmsAdapter;

/** The adapters configured: SMS always; WhatsApp and e-mail when the institute turns them on. */
export interface NoticeAdapters {
  sms: MessageAdapter;
  whatsapp?: MessageAdapter;
  email?: MessageAdapter;
}

/**
 * The channel of one notice: the person's choice (`beneficiaries.notice_channel`) when that channel
 * is configured and the person has its address, else SMS. Sign-in codes always go by SMS to the
 * phone on file: a code is proof of holding that phone. Pure.
 */
export function noticeChannelFor(
  notice: { kind: string; preference: NoticeChannel | null; email: string | null },
  adapters: NoticeAdapters,
): NoticeChannel {
  const wanted = notice.preference ?? 'sms';
  if (notice.kind === 'otp' || wanted === 'sms' || !adapters[wanted]) return 'sms';
  if (wanted === 'email' && !notice.email) return 'sms';
  return wanted;
}
