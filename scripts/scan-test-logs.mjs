// Last step of `npm test`: the server logs written during the whole test run (one file per worker,
// test/support/app.ts) must hold no personal data in clear: no CURP, no 10-digit phone, no name
// of the people the tests create.
import { readdirSync, readFileSync } from 'node:fs';

const LOG_DIR = 'test-artifacts/logs';
const PERSONAL_DATA = [
  { what: 'CURP', pattern: /[A-Z]{4}[0-9]{6}[HMX][A-Z]{5}[A-Z0-9][0-9]/i },
  { what: 'phone', pattern: /(?<![0-9.])[0-9]{10}(?![0-9.])/ },
  { what: 'name', pattern: /Prueba|Hernández López|María Guadalupe/ },
];

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
    for (const { what, pattern } of PERSONAL_DATA) {
      if (pattern.test(line)) leaks.push(`${what} in ${file}: ${line.slice(0, 200)}`);
    }
  }
}
if (leaks.length > 0) {
  console.error(`Personal data found in server logs:\n${leaks.slice(0, 20).join('\n')}`);
  process.exit(1);
}
console.log(`Scanned ${lines} server log lines of the test run: no CURP, phone or name in clear.`);
