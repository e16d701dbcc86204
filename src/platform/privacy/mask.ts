// Personal data never reaches the logs whole: CURPs keep their first four letters, phones their
// last two digits. The shapes are matched wherever they stand — glued to letters or digits, after a
// percent-encoded space, spaced or dashed, in any case — because a log line is not a sentence.

/** What may sit between the characters of a CURP or the digits of a phone someone typed. */
const SEPARATOR = String.raw`[\s.\-_/()+]{0,2}`;

/** The 18 positions of a CURP: 4 letters, a date, sex, state, 3 consonants, a check pair. */
const CURP_POSITIONS = [
  ...Array(4).fill('[A-Z]'),
  ...Array(6).fill('[0-9]'),
  '[HMX]',
  ...Array(5).fill('[A-Z]'),
  '[A-Z0-9]',
  '[0-9]',
];
const CURP_LIKE = new RegExp(
  `(${CURP_POSITIONS.slice(0, 4).join(SEPARATOR)})${SEPARATOR}${CURP_POSITIONS.slice(4).join(SEPARATOR)}`,
  'gi',
);
/** Ids (appointments) whose digit groups, dashed, would look like a phone: matched first, kept. */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * Ten digits or more, separators allowed between them: a national number, with +52, 52 1 or 044
 * in front, or glued to other digits. Longer runs are masked too: over-masking a number in a log
 * costs little, a phone in clear costs a person's privacy.
 */
const PHONE_LIKE = new RegExp(
  `(${UUID})|[0-9](?:${SEPARATOR}[0-9]){7,}${SEPARATOR}([0-9])${SEPARATOR}([0-9])`,
  'gi',
);

export const maskCurp = (curp: string): string => `${curp.slice(0, 4)}**************`;

export const maskPhone = (phone: string): string => `••••${phone.slice(-2)}`;

/**
 * Decodes percent-escapes (twice-encoded ones too) so that `%20`, `%2B52` or `%35%35…` cannot
 * hide a shape from the patterns; full-width digits and letters become ASCII for the same reason.
 */
function readable(text: string): string {
  let decoded = text.normalize('NFKC');
  for (let round = 0; round < 3 && /%[0-9A-Fa-f]{2}/.test(decoded); round++) {
    decoded = decoded.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
      try {
        return decodeURIComponent(escapes);
      } catch {
        // Not UTF-8: its ASCII escapes still decode one by one.
        return escapes.replace(/%([0-7][0-9A-Fa-f])/g, (_m, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        );
      }
    });
  }
  return decoded.normalize('NFKC');
}

/** Masks every CURP- or phone-shaped run in free text (URLs, messages), encoded or not. */
export function maskPersonalData(text: string): string {
  return readable(text)
    .replace(CURP_LIKE, (_m, head: string) => `${head.replace(/[^A-Za-z]/g, '')}**************`)
    .replace(PHONE_LIKE, (run: string, uuid: string | undefined, last1: string, last2: string) =>
      uuid ? run : `••••${last1}${last2}`,
    );
}

/**
 * Masks every string inside a value about to be logged (objects and arrays walked, depth-bounded).
 * Errors are left to the logger's error serializer, which masks their message and stack.
 */
export function maskLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => maskLogValue(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskLogValue(v, depth + 1)]),
  );
}

/**
 * Query parameters whose values say nothing about a person (codes, dates, counts, flags). Every
 * other value may be free text someone typed — a name searched for, say — and is logged as `***`; a
 * parameter added later is hidden until it is listed here.
 */
const NON_PERSONAL_QUERY_KEYS = new Set([
  'unit',
  'unidad',
  'service',
  'servicio',
  'state',
  'status',
  'channel',
  'from',
  'desde',
  'hasta',
  'antes',
  'days',
  'limit',
  'eligible',
  'horario',
  'hecho',
  'aviso',
]);

/**
 * A path segment that is a bearer secret — a one-tap link's signed token, a waiting-room place —
 * rather than a name or an id: long, opaque (digits or capitals, unlike a service's code), and not
 * an appointment's UUID. Whoever reads it in a log could use it.
 */
const OPAQUE_TOKEN =
  /^(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)(?=.*[0-9A-Z])[A-Za-z0-9_.~-]{20,}$/;

const maskPath = (path: string) =>
  path
    .split('/')
    .map((segment) => (OPAQUE_TOKEN.test(segment) ? '***' : segment))
    .join('/');

/**
 * A request's address as the logs may hold it: shapes masked, bearer tokens in the path and
 * free-text query values hidden.
 */
export function maskRequestUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return maskPersonalData(maskPath(url));
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const key = equals < 0 ? pair : pair.slice(0, equals);
      if (NON_PERSONAL_QUERY_KEYS.has(key)) return pair;
      // A parameter's name is kept when it reads as one (q, curp, nombre), not as typed text.
      return /^[a-z_]{1,24}$/.test(key) ? `${key}=***` : '***';
    })
    .join('&');
  return maskPersonalData(`${maskPath(url.slice(0, queryAt))}?${query}`);
}
