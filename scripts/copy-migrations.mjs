// tsc compiles only TypeScript; the SQL migrations travel beside the compiled migrator.
import { cpSync } from 'node:fs';

cpSync('src/platform/db/migrations', 'dist/platform/db/migrations', { recursive: true });
