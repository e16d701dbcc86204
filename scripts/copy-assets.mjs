// tsc compiles only TypeScript; the SQL migrations and the stylesheet travel beside the compiled code.
// Usage: node scripts/copy-assets.mjs [root] — root is where src/ was compiled to (default: dist).
import { cpSync } from 'node:fs';

const root = process.argv[2] ?? 'dist';
cpSync('src/platform/db/migrations', `${root}/platform/db/migrations`, { recursive: true });
cpSync('src/platform/html/citas.css', `${root}/platform/html/citas.css`);
