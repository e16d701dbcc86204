import { describe, expect, it } from 'vitest';
import { type MessageAdapter, noticeChannelFor } from './channels.js';

const any: MessageAdapter = { send: async () => ({ providerId: null }) };

describe('the channel of a notice', () => {
  it('is SMS unless the person chose another that is configured and has their address', () => {
    const all = { sms: any, whatsapp: any, email: any };
    expect(noticeChannelFor({ kind: 'notice', preference: null, email: null }, all)).toBe('sms');
    expect(noticeChannelFor({ kind: 'booked', preference: 'whatsapp', email: null }, all)).toBe('whatsapp');
    expect(noticeChannelFor({ kind: 'notice', preference: 'email', email: 'ana@example.mx' }, all)).toBe(
      'email',
    );
    expect(noticeChannelFor({ kind: 'notice', preference: 'email', email: null }, all)).toBe('sms');
    expect(noticeChannelFor({ kind: 'notice', preference: 'whatsapp', email: null }, { sms: any })).toBe(
      'sms',
    );
  });

  it('sends a sign-in code by SMS whatever the person chose', () => {
    const all = { sms: any, whatsapp: any, email: any };
    expect(noticeChannelFor({ kind: 'otp', preference: 'email', email: 'ana@example.mx' }, all)).toBe('sms');
  });
});
