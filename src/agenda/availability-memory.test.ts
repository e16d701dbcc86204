import { describe, expect, it } from 'vitest';
import { AvailabilityMemory } from './availability-memory.js';

const pair = (generation = 0) => ({ unitClues: 'DFIST000001', serviceCode: 'medicina_familiar', generation });

describe('the availability memory', () => {
  it('keeps its answers within its byte budget, dropping some when full', () => {
    const memory = new AvailabilityMemory({ ttlMs: 60_000, maxBytes: 1_000 });
    for (let i = 0; i < 50; i++) memory.remember(`k${i}`, pair(), { value: i, bytes: 300 }, 0, 10_000);
    const kept = Array.from({ length: 50 }, (_, i) =>
      memory.recall(`k${i}`, 'DFIST000001', 'medicina_familiar', 1),
    );
    expect(kept.filter((v) => v !== undefined)).toHaveLength(3);
    expect(kept[49]).toBe(49);
  });

  it('does not keep an answer read while its unit and service changed', () => {
    const memory = new AvailabilityMemory({ ttlMs: 60_000, maxBytes: 1_000 });
    const generation = memory.generationOf('DFIST000001', 'medicina_familiar');
    memory.changed('DFIST000001', 'medicina_familiar');
    memory.remember('k', pair(generation), { value: 'stale', bytes: 10 }, 0, 10_000);
    expect(memory.recall('k', 'DFIST000001', 'medicina_familiar', 1)).toBeUndefined();
  });

  it('forgets an answer at its own end or the time to live, whichever comes first', () => {
    const memory = new AvailabilityMemory({ ttlMs: 5_000, maxBytes: 1_000 });
    memory.remember('soon', pair(), { value: 1, bytes: 10 }, 0, 2_000);
    memory.remember('late', pair(), { value: 2, bytes: 10 }, 0, 90_000);
    expect(memory.recall('soon', 'DFIST000001', 'medicina_familiar', 1_999)).toBe(1);
    expect(memory.recall('soon', 'DFIST000001', 'medicina_familiar', 2_000)).toBeUndefined();
    expect(memory.recall('late', 'DFIST000001', 'medicina_familiar', 4_999)).toBe(2);
    expect(memory.recall('late', 'DFIST000001', 'medicina_familiar', 5_000)).toBeUndefined();
  });
});
