import { describe, expect, it } from 'vitest';
import { twilioSignature } from './verify.js';

describe('the Twilio request signature', () => {
  it('matches the example of Twilio’s security documentation', () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });

  it('changes with any parameter, so a forged keypress is caught', () => {
    const url = 'https://citas.example.mx/phone/twiml/voice?s=3';
    expect(twilioSignature('t', url, { Digits: '1' })).not.toBe(twilioSignature('t', url, { Digits: '2' }));
    expect(twilioSignature('t', url, { a: ['2', '1'] })).toBe(twilioSignature('t', url, { a: ['1', '2'] }));
  });
});
