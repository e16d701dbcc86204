// tsc compiles only TypeScript; the SQL migrations and the stylesheet travel beside the compiled code.
// Usage: node scripts/copy-migrations.mjs [target] (default: the build's dist/platform/db/migrations).
import { cpSync } from 'node:fs';

cpSync('src/platform/db/migrations', process.argv[2] ?? 'dist/platform/db/migrations', { recursive: true });
if (!process.argv[2]) cpSync('src/platform/html/citas.css', 'dist/platform/html/citas.css');
