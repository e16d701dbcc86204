// Last step of `npm test`: the server logs written during the whole test run (one file per worker,
// test/support/app.ts) must hold no personal data in clear: no CURP, no phone, no name of the
// people the tests create. The shapes are those src/platform/privacy/mask.ts masks — wherever they
// stand, percent-encoded or not, spaced, dashed, in any case — and src/platform/privacy/log-scan
// tests prove this script finds every one of them.
// Usage: node scripts/scan-test-logs.mjs [directory]  (default: test-artifacts/logs)
import { readdirSync, readFileSync } from 'node:fs';

const LOG_DIR = process.argv[2] ?? 'test-artifacts/logs';
const SEPARATOR = String.raw`[\s.\-_/()+]{0,2}`;
const spaced = (classes) => classes.join(SEPARATOR);
const CURP = new RegExp(
  spaced([
    ...Array(4).fill('[A-Z]'),
    ...Array(6).fill('[0-9]'),
    '[HMX]',
    ...Array(5).fill('[A-Z]'),
    '[A-Z0-9]',
    '[0-9]',
  ]),
  'i',
);
const PHONE = new RegExp(spaced(Array(10).fill('[0-9]')));
// Appointment ids: their dashed digit groups are not phones (mask.ts keeps them too).
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const NAME = /Prueba|Hernández López|María Guadalupe/;

/** Percent-escapes decoded (twice-encoded too) and full-width forms made ASCII, as mask.ts does. */
function readable(text) {
  let decoded = text.normalize('NFKC');
  for (let round = 0; round < 3; round++) {
    decoded = decoded.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
  return decoded.normalize('NFKC');
}

/** The strings of a JSON log line (numbers such as `time` and `responseTime` are not text). */
function textsOf(line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return { texts: [line], numbers: [] };
  }
  const texts = [];
  const numbers = [];
  const walk = (value, key) => {
    if (key !== undefined) texts.push(key);
    if (typeof value === 'string') texts.push(value);
    else if (typeof value === 'number' && Number.isInteger(value)) numbers.push({ key, value });
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? undefined : k);
  };
  walk(entry);
  return { texts, numbers };
}

/** What personal data a log line holds in clear: 'CURP', 'phone', 'name', or nothing. */
function personalDataIn(line) {
  const { texts, numbers } = textsOf(line);
  const found = [];
  for (const text of texts.map(readable)) {
    if (CURP.test(text)) found.push('CURP');
    if (PHONE.test(text.replace(UUID, ' '))) found.push('phone');
    if (NAME.test(text)) found.push('name');
  }
  // A phone logged as a number: 10 digits, or 12 with the country code; pino's `time` has 13.
  if (numbers.some(({ key, value }) => key !== 'time' && /^(52)?[0-9]{10}$/.test(String(value))))
    found.push('phone');
  return [...new Set(found)];
}

function scan() {
  let files = [];
  try {
    files = readdirSync(LOG_DIR);
  } catch {
    console.error(`No server logs under ${LOG_DIR}: did the tests run?`);
    process.exit(1);
  }
  const leaks = [];
  let lines = 0;
  for (const file of files) {
    for (const line of readFileSync(`${LOG_DIR}/${file}`, 'utf8').split('\n')) {
      if (!line) continue;
      lines++;
      for (const what of personalDataIn(line)) leaks.push(`${what} in ${file}: ${line.slice(0, 200)}`);
    }
  }
  if (leaks.length > 0) {
    console.error(`Personal data found in server logs:\n${leaks.slice(0, 50).join('\n')}`);
    process.exit(1);
  }
  console.log(`Scanned ${lines} server log lines of the test run: no CURP, phone or name in clear.`);
}

scan();
