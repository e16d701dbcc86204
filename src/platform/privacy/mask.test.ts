import { describe, expect, it } from 'vitest';
import { maskCurp, maskPersonalData, maskPhone } from './mask.js';

describe('masking personal data for logs', () => {
  it('keeps only the first four letters of a CURP and the last two digits of a phone', () => {
    expect(maskCurp('HEGG560427MVZRRL04')).toBe('HEGG**************');
    expect(maskPhone('5512345678')).toBe('••••78');
  });

  it('finds CURPs and phones inside URLs and messages', () => {
    const masked = maskPersonalData('/api/v1/beneficiaries/HEGG560427MVZRRL04?tel=5512345678');
    expect(masked).toBe('/api/v1/beneficiaries/HEGG**************?tel=••••78');
    expect(maskPersonalData('hegg560427mvzrrl04')).not.toContain('560427');
  });
});
