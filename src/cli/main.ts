import { parseArgs } from 'node:util';
import { generateSlots } from '../agenda/generate-slots.js';
import { DEFAULT_THRESHOLDS, suspicionReport } from '../analytics/suspicion.js';
import { ConfigError, loadConfig } from '../config.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../identity/api-tokens.js';
import { STAFF_ROLES, type StaffRole } from '../identity/roles.js';
import { createStaffAccount, newStaffPassword } from '../identity/staff-accounts.js';
import { resetStaffTotp } from '../identity/staff-sign-in.js';
import { isDomainError } from '../platform/domain-error.js';
import { CLI_ERROR_MESSAGES } from '../platform/i18n/cli-messages.js';
import { seedDemoNetwork } from '../seed/demo-network.js';
import { allocationCommand } from './allocation.js';
import { auditCli, auditHeadCommand, auditVerifyCommand } from './audit.js';
import { importBeneficiariesCommand } from './import.js';
import { describeTarget, openMigratedDatabase } from './open.js';
import { seedNationalCommand, UsageError } from './seed-national.js';
import { serve } from './serve.js';
import { formatSuspicionReport } from './suspicion-text.js';
import { waitingRoomCommand } from './waiting-room.js';

const USAGE = `Uso: citas <comando>

  serve                                  sirve la API y los canales (PORT, DATA_DIR, DATABASE_URL)
  migrate                                aplica las migraciones pendientes
  seed --demo                            carga la red de demostración (determinista)
  seed --national [--scale F] [--seed N] carga la red nacional sintética: 1,145 unidades y
                                         13.5 millones de derechohabientes × F (determinista)
  import beneficiaries ARCHIVO.csv[.gz] [--rejects RECHAZOS.csv] [--max-rejected PCT] [--accept-rejections]
                                         importa el padrón (vigencias); los rechazos van a un archivo;
                                         con más de PCT % de filas rechazadas (IMPORT_MAX_REJECTED_PERCENT,
                                         5) no aplica nada y termina con código 4, salvo --accept-rejections
  slots generate                         genera los horarios faltantes del horizonte
  audit verify [--head ARCHIVO|SEC:HASH] verifica la cadena de la bitácora de auditoría (no sella) y que
                                         contenga las cabezas publicadas; código 3 si fue alterada
  audit head                             imprime la cabeza de la cadena (secuencia:hash) para publicarla
  report suspicious --since AAAA-MM-DD [--min-people N]
                                         operadores, direcciones y teléfonos con citas de muchas
                                         personas, cancelaciones inusuales y horarios volteados
  token create --role ROL --name NOMBRE [--unit CLUES]
                                         crea un token de personal y lo muestra una sola vez;
                                         ROL: agent, reception, unit_admin, national_admin (o admin), auditor
  token list                             lista los tokens (sin secretos)
  token revoke ID                        revoca un token
  staff create --role ROL --name NOMBRE --email CORREO [--unit CLUES]
                                         crea una cuenta de la consola y muestra su contraseña una sola vez
  staff totp-reset --email CORREO        borra el segundo factor (TOTP) de una cuenta: lo configura de
                                         nuevo en su siguiente ingreso (p. ej., un teléfono perdido)
  allocation run [--now ISO]             abre las ventanas de solicitud y asigna las aperturas vencidas
  allocation replay ID                   reproduce el sorteo de una apertura y lo compara con lo registrado
  waiting-room replay ID                 reproduce el sorteo de la fila de una apertura y lo compara con lo registrado
`;

const terminal = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};

/** 'admin' stays accepted: it is the national administrator of the first release. */
function parseRole(value: string | undefined): StaffRole {
  const role = (value === 'admin' ? 'national_admin' : value) as StaffRole;
  if (!STAFF_ROLES.includes(role)) throw new UsageError(`--role debe ser uno de: ${STAFF_ROLES.join(', ')}`);
  return role;
}

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
      'max-rejected': { type: 'string' },
      'accept-rejections': { type: 'boolean' },
      role: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      since: { type: 'string' },
      'min-people': { type: 'string' },
      email: { type: 'string' },
      head: { type: 'string' },
      now: { type: 'string' },
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

  // Setting up (migrate, seed) is the owner's work; everything else runs as the application's role.
  const database = await openMigratedDatabase(config, {
    asOwner: command === 'migrate' || command === 'seed',
  });
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
      await importBeneficiariesCommand(database, positionals[2], config.import, {
        rejects: values.rejects,
        maxRejected: values['max-rejected'],
        acceptRejections: values['accept-rejections'] ?? false,
      });
    } else if (command === 'slots' && sub === 'generate') {
      const created = await generateSlots(db, { now: new Date() });
      process.stdout.write(`${created} horarios nuevos.\n`);
    } else if (command === 'audit' && sub === 'verify') {
      process.exitCode = await auditVerifyCommand(db, config, values.head, terminal);
    } else if (command === 'audit' && sub === 'head') {
      process.exitCode = await auditHeadCommand(db, terminal);
    } else if (command === 'report' && sub === 'suspicious') {
      const since =
        values.since && /^\d{4}-\d{2}-\d{2}$/.test(values.since)
          ? new Date(`${values.since}T00:00:00Z`)
          : null;
      if (!since || Number.isNaN(since.getTime())) throw new UsageError('--since AAAA-MM-DD es obligatorio');
      const minPeople = Number(values['min-people'] ?? DEFAULT_THRESHOLDS.distinctPeople);
      if (!Number.isInteger(minPeople) || minPeople < 2)
        throw new UsageError('--min-people debe ser un entero ≥ 2');
      const report = await suspicionReport(db, since, { ...DEFAULT_THRESHOLDS, distinctPeople: minPeople });
      process.stdout.write(formatSuspicionReport(report));
    } else if (command === 'waiting-room') {
      await waitingRoomCommand(database, sub, positionals[2]);
    } else if (command === 'allocation') {
      await allocationCommand(database, config, sub, positionals[2], values.now);
    } else if (command === 'token' && sub === 'list') {
      for (const t of await listApiTokens(db)) {
        const state = t.revokedAt ? `revocado ${t.revokedAt.toISOString()}` : 'activo';
        process.stdout.write(`${t.id}\t${t.role}\t${t.unitClues ?? 'nacional'}\t${state}\t${t.name}\n`);
      }
    } else if (command === 'token' && sub === 'revoke') {
      const id = Number(positionals[2]);
      if (!Number.isInteger(id) || id < 1)
        throw new UsageError('indica el número del token: citas token revoke ID');
      const revoked = await revokeApiToken(db, id, new Date());
      if (revoked) await auditCli(db, config, 'token.revoke', { tokenId: id });
      process.stdout.write(
        revoked ? `Token ${id} revocado.\n` : `El token ${id} no existe o ya estaba revocado.\n`,
      );
    } else if (command === 'token' && sub === 'create') {
      const role = parseRole(values.role);
      if (!values.name) throw new UsageError('--name es obligatorio');
      const token = await createApiToken(db, { name: values.name, role, unitClues: values.unit ?? null });
      await auditCli(db, config, 'token.create', {
        tokenId: token.id,
        after: { role, unit: values.unit ?? null },
      });
      process.stdout.write(`${token.secret}\n`);
      process.stderr.write(`Token ${token.id} (${role}) creado. Guárdalo: no se vuelve a mostrar.\n`);
    } else if (command === 'staff' && sub === 'create') {
      const role = parseRole(values.role);
      if (!values.name) throw new UsageError('--name es obligatorio');
      if (!values.email) throw new UsageError('--email es obligatorio');
      const password = newStaffPassword();
      const account = await createStaffAccount(db, {
        email: values.email,
        name: values.name,
        role,
        unitClues: values.unit ?? null,
        password,
      }).catch((error: unknown) => {
        const code = isDomainError(error) ? error.code : '';
        if (code === 'STAFF_EMAIL_TAKEN')
          throw new UsageError(`ya existe una cuenta con el correo ${values.email}`);
        if (code === 'INVALID_EMAIL') throw new UsageError(`--email no es un correo válido: ${values.email}`);
        if (code === 'UNIT_NOT_FOUND')
          throw new UsageError(`--unit no es una unidad registrada: ${values.unit}`);
        throw error;
      });
      await auditCli(db, config, 'staff.create', {
        staffId: account.id,
        after: { role: account.role, unit: account.unitClues },
      });
      process.stdout.write(`${password}\n`);
      process.stderr.write(
        `Cuenta ${account.id} (${role}, ${account.email}) creada. Guarda la contraseña: no se vuelve a mostrar.\n`,
      );
    } else if (command === 'staff' && sub === 'totp-reset') {
      if (!values.email) throw new UsageError('--email es obligatorio');
      const staffId = await resetStaffTotp(db, values.email);
      if (staffId === null) throw new UsageError(`no hay una cuenta con el correo ${values.email}`);
      await auditCli(db, config, 'staff.totp.reset', { staffId });
      process.stderr.write(
        `Segundo factor de la cuenta ${staffId} borrado: lo configurará en su siguiente ingreso.\n`,
      );
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
    isDomainError(error) ||
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
