import { describe, expect, it } from 'vitest';
import { parseReply } from './reply.js';

describe('SMS reply keywords', () => {
  it('reads the three answers in words or numbers, whatever the case and accents', () => {
    expect(['CONFIRMAR', 'confirmar', 'Confirmár', ' 1 ', '1.'].map(parseReply)).toEqual(
      Array(5).fill('confirm'),
    );
    expect(['CANCELAR', 'cancélar', '2'].map(parseReply)).toEqual(Array(3).fill('cancel'));
    expect(['CAMBIAR', 'Cambiar por favor', '3'].map(parseReply)).toEqual(Array(3).fill('change'));
  });

  it('reads yes and no to an offer', () => {
    expect(['SI', 'Sí', 'sí, la tomo', 'ACEPTO'].map(parseReply)).toEqual(Array(4).fill('yes'));
    expect(parseReply('No')).toBe('no');
  });

  it('reads nothing into anything else', () => {
    expect(['', 'hola', '12', 'CONFIRMARE', '🙂'].map(parseReply)).toEqual(Array(5).fill(null));
  });
});
