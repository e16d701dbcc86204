import { describe, expect, it } from 'vitest';
import { SeenFilter } from './seen-filter.js';

describe('SeenFilter', () => {
  it('never forgets a key it was given', () => {
    const filter = new SeenFilter(10_000);
    const keys = Array.from({ length: 10_000 }, (_, i) => `KEY${i}`);
    for (const key of keys) filter.addIfNew(key);
    expect(keys.every((key) => !filter.addIfNew(key))).toBe(true);
  });

  it('rarely mistakes a new key for a seen one while within its expected size', () => {
    const filter = new SeenFilter(10_000);
    for (let i = 0; i < 5_000; i++) filter.addIfNew(`OLD${i}`);
    let mistaken = 0;
    for (let i = 0; i < 5_000; i++) if (!filter.addIfNew(`NEW${i}`)) mistaken++;
    expect(mistaken).toBeLessThan(25);
  });
});
