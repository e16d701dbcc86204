import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '../refusal-code.js';
import { problem } from './problem.js';

describe('problem documents', () => {
  it('give every refusal code a 4xx status of its own and a Spanish detail', () => {
    for (const code of REFUSAL_CODES) {
      const body = problem(code);
      expect(body.status, code).toBeGreaterThanOrEqual(400);
      expect(body.status, code).toBeLessThan(500);
      expect(body.detail, code).not.toBe('');
    }
  });

  it('keep the statuses clients know: a taken slot conflicts, a missing one is not found', () => {
    expect(problem('SLOT_TAKEN').status).toBe(409);
    expect(problem('SLOT_NOT_FOUND').status).toBe(404);
    expect(problem('INVALID_CURP').status).toBe(400);
    expect(problem('NOT_ELIGIBLE').status).toBe(422);
  });
});
