// `node --import ./test/faults/support/run-typescript.mjs src/cli/main.ts serve`
import { register } from 'node:module';

register('./typescript-hooks.mjs', import.meta.url);
