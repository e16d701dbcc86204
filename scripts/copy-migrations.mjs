// tsc compiles only TypeScript; the SQL migrations travel beside the compiled migrator.
// Usage: node scripts/copy-migrations.mjs [target] (default: the build's dist/).
import { cpSync } from 'node:fs';

cpSync('src/platform/db/migrations', process.argv[2] ?? 'dist/platform/db/migrations', { recursive: true });
