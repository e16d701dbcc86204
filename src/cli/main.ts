import { parseArgs } from 'node:util';
import { generateSlots } from '../agenda/generate-slots.js';
import { ConfigError, loadConfig } from '../config.js';
import { createApiToken, STAFF_ROLES, type StaffRole } from '../identity/api-tokens.js';
import { isDomainError } from '../platform/domain-error.js';
import { CLI_ERROR_MESSAGES } from '../platform/i18n/cli-messages.js';
import { seedDemoNetwork } from '../seed/demo-network.js';
import { importBeneficiariesCommand } from './import.js';
import { describeTarget, openMigratedDatabase } from './open.js';
import { seedNationalCommand, UsageError } from './seed-national.js';
import { serve } from './serve.js';

const USAGE = `Uso: citas <comando>

  serve                                  sirve la API y los canales (PORT, DATA_DIR, DATABASE_URL)
  migrate                                aplica las migraciones pendientes
  seed --demo                            carga la red de demostración (determinista)
  seed --national [--scale F] [--seed N] carga la red nacional sintética: 1,145 unidades y
                                         13.5 millones de derechohabientes × F (determinista)
  import beneficiaries ARCHIVO.csv[.gz] [--rejects RECHAZOS.csv]
                                         importa el padrón (vigencias); los rechazos van a un archivo
  slots generate                         genera los horarios faltantes del horizonte
  token create --role agent|admin --name NOMBRE [--unit CLUES]
                                         crea un token de personal y lo muestra una sola vez
`;

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      national: { type: 'boolean' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      rejects: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  if (command === 'serve') return serve(config);

  const database = await openMigratedDatabase(config);
  try {
    const { db } = database;
    if (command === 'migrate') {
      process.stdout.write(`Esquema al día (${describeTarget(config)}).\n`);
    } else if (command === 'seed' && values.national) {
      await seedNationalCommand(database, values);
    } else if (command === 'seed') {
      if (!values.demo) throw new UsageError('indica qué cargar: citas seed --demo o --national');
      const summary = await seedDemoNetwork(db, new Date());
      process.stdout.write(
        `Red de demostración: ${summary.units} unidades, ${summary.beneficiaries} derechohabientes, ${summary.slots} horarios nuevos.\n`,
      );
    } else if (command === 'import' && sub === 'beneficiaries') {
      await importBeneficiariesCommand(database, positionals[2], values.rejects);
    } else if (command === 'slots' && sub === 'generate') {
      const created = await generateSlots(db, { now: new Date() });
      process.stdout.write(`${created} horarios nuevos.\n`);
    } else if (command === 'token' && sub === 'create') {
      const role = values.role as StaffRole;
      if (!STAFF_ROLES.includes(role))
        throw new UsageError(`--role debe ser uno de: ${STAFF_ROLES.join(', ')}`);
      if (!values.name) throw new UsageError('--name es obligatorio');
      const token = await createApiToken(db, { name: values.name, role, unitClues: values.unit ?? null });
      process.stdout.write(`${token.secret}\n`);
      process.stderr.write(`Token ${token.id} (${role}) creado. Guárdalo: no se vuelve a mostrar.\n`);
    } else {
      throw new UsageError(`comando desconocido: ${positionals.join(' ')}`);
    }
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (isDomainError(error) && CLI_ERROR_MESSAGES[error.code]) {
    process.stderr.write(`Error: ${CLI_ERROR_MESSAGES[error.code]}\n`);
    process.exit(1);
  }
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    process.stderr.write(`Error: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  process.stderr.write(`Error: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
