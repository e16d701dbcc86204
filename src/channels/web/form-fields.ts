/** A text field of a parsed form or query, '' when absent or repeated. */
export function field(source: unknown, name: string): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 200) : '';
}

/** A field that may repeat (check boxes): each of its text values, at most `max`. */
export function fieldValues(source: unknown, name: string, max = 31): string[] {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list
    .filter((v): v is string => typeof v === 'string')
    .slice(0, max)
    .map((v) => v.slice(0, 200));
}
