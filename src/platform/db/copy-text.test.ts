import { describe, expect, it } from 'vitest';
import { copyLine } from './copy-text.js';

describe('copyLine', () => {
  it('separates with tabs, ends with a newline and writes NULL as \\N', () => {
    expect(copyLine(['Peña', 3, null, true, undefined])).toBe('Peña\t3\t\\N\ttrue\t\\N\n');
  });

  it('escapes backslashes, tabs and line breaks inside a value', () => {
    expect(copyLine(['a\\b\tc\nd\re'])).toBe('a\\\\b\\tc\\nd\\re\n');
  });
});
