import { describe, expect, it } from 'vitest';
import { weekdaysOf } from './entries.js';

describe('the weekdays of the days a person asked for', () => {
  it('are ISO weekdays, once each, in order; no days asked for means any day', () => {
    // 2026-12-07 is a Monday, 2026-12-13 a Sunday.
    expect(weekdaysOf(['2026-12-13', '2026-12-07', '2026-12-14'])).toEqual([1, 7]);
    expect(weekdaysOf([])).toBeNull();
  });
});
