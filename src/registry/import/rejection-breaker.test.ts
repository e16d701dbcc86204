import { describe, expect, it } from 'vitest';
import { tooManyRejected } from './rejection-breaker.js';

describe('the import circuit breaker', () => {
  it('trips only above the allowed share of refused rows', () => {
    expect(tooManyRejected(1000, 50, 5)).toBe(false);
    expect(tooManyRejected(1000, 51, 5)).toBe(true);
    expect(tooManyRejected(3, 1, 34)).toBe(false);
    expect(tooManyRejected(3, 1, 33)).toBe(true);
  });

  it('never trips on an empty file, and at 100 % never trips at all', () => {
    expect(tooManyRejected(0, 0, 0)).toBe(false);
    expect(tooManyRejected(10, 10, 100)).toBe(false);
  });

  it('at 0 % trips on the first refused row', () => {
    expect(tooManyRejected(1_000_000, 1, 0)).toBe(true);
    expect(tooManyRejected(1_000_000, 0, 0)).toBe(false);
  });
});
