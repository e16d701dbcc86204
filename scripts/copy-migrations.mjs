// tsc compiles only TypeScript; the SQL migrations and the stylesheet travel beside the compiled code.
import { cpSync } from 'node:fs';

cpSync('src/platform/db/migrations', 'dist/platform/db/migrations', { recursive: true });
cpSync('src/platform/html/citas.css', 'dist/platform/html/citas.css');
