// PostgreSQL COPY text format: one line per row, fields separated by tabs, \N for NULL. Only the
// backslash and the separators need escaping; every other character travels as it is (UTF-8).

export type CopyValue = string | number | boolean | null | undefined;

const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return value.replace(SPECIAL, (c) => ESCAPES[c] ?? c);
  return String(value);
}

/** One row as a COPY text line, newline included. */
export function copyLine(values: readonly CopyValue[]): string {
  return `${values.map(field).join('\t')}\n`;
}
