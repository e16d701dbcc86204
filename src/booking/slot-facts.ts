import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import {
  BENEFICIARY_COLUMNS,
  type Beneficiary,
  type BeneficiaryRow,
  toBeneficiary,
} from '../registry/beneficiaries.js';
import type { SlotFacts } from './rules.js';

export interface SlotForBooking extends SlotFacts {
  id: number;
  endsAt: Date;
  timeZone: string;
  unitName: string;
  requiresAdscription: boolean;
  requiresReferral: boolean;
}

/** A slot with what booking it needs to know (its unit's zone, its service's rules), or undefined. */
export async function loadSlotForBooking(db: Db, slotId: number): Promise<SlotForBooking | undefined> {
  const result = await sql<Record<string, unknown>>`
    select ${slotColumns()} from ${SLOT_SOURCE} where s.id = ${slotId}`.execute(db);
  return toBookingFacts(result.rows[0] ?? {}).slot;
}

export interface BookingFacts {
  beneficiary?: Beneficiary;
  slot?: SlotForBooking;
  /** How the slot's place is shown on an appointment. */
  place?: {
    unit: { clues: string; name: string; address: string };
    service: { code: string; name: string };
    resource: { id: number; name: string };
  };
}

const SLOT_COLUMNS = {
  id: 's.id',
  unit_clues: 's.unit_clues',
  service_code: 's.service_code',
  local_date: 's.local_date',
  starts_at: 's.starts_at',
  ends_at: 's.ends_at',
  opens_at: 's.opens_at',
  status: 's.status',
  pool: 's.pool',
  time_zone: 'u.time_zone',
  requires_adscription: 'sv.requires_adscription',
  requires_referral: 'sv.requires_referral',
  unit_name: 'u.name',
  unit_address: 'u.address',
  service_name: 'sv.name',
  resource_id: 'r.id',
  resource_name: 'r.name',
} as const;

/** A slot, its unit, service and consultorio, as `s`, `u`, `sv` and `r`. */
const SLOT_SOURCE = sql`slots s join units u on u.clues = s.unit_clues
  join services sv on sv.code = s.service_code join resources r on r.id = s.resource_id`;

const slotColumns = () =>
  sql.join(
    Object.entries(SLOT_COLUMNS).map(([alias, column]) => sql`${sql.ref(column)} as ${sql.id(`s_${alias}`)}`),
  );

/** The facts' columns, `b_…` for the person and `s_…` for the slot, as bookingFactsSource names them. */
export function bookingFactsColumns() {
  const person = BENEFICIARY_COLUMNS.map((c) => sql`${sql.ref(`b.${c}`)} as ${sql.id(`b_${c}`)}`);
  return sql.join([...person, slotColumns()]);
}

/** One row always: the person and the slot side by side, either side null when it does not exist. */
export const bookingFactsSource = (curp: string, slotId: number) => sql`
  (values (1)) as one (x)
  left join beneficiaries b on b.curp = ${curp}
  left join (${SLOT_SOURCE}) on s.id = ${slotId}`;

/** Reads back a row of bookingFactsColumns(). */
export function toBookingFacts(row: Record<string, unknown>): BookingFacts {
  const pick = (prefix: string, names: readonly string[]) =>
    Object.fromEntries(names.map((name) => [name, row[`${prefix}${name}`] ?? null]));
  const b = pick('b_', BENEFICIARY_COLUMNS) as BeneficiaryRow;
  const s = pick('s_', Object.keys(SLOT_COLUMNS)) as Record<keyof typeof SLOT_COLUMNS, never>;
  return {
    beneficiary: b.id === null ? undefined : toBeneficiary(b),
    slot:
      s.id === null
        ? undefined
        : {
            id: s.id,
            unitClues: s.unit_clues,
            serviceCode: s.service_code,
            localDate: s.local_date,
            startsAt: s.starts_at,
            endsAt: s.ends_at,
            opensAt: s.opens_at,
            status: s.status,
            pool: s.pool,
            timeZone: s.time_zone,
            unitName: s.unit_name,
            requiresAdscription: s.requires_adscription,
            requiresReferral: s.requires_referral,
          },
    place:
      s.id === null
        ? undefined
        : {
            unit: { clues: s.unit_clues, name: s.unit_name, address: s.unit_address },
            service: { code: s.service_code, name: s.service_name },
            resource: { id: s.resource_id, name: s.resource_name },
          },
  };
}

/** The person and the slot a booking is about, in one round trip. */
export async function loadBookingFacts(db: Db, curp: string, slotId: number): Promise<BookingFacts> {
  const result = await sql<Record<string, unknown>>`
    select ${bookingFactsColumns()} from ${bookingFactsSource(curp, slotId)}`.execute(db);
  return toBookingFacts(result.rows[0] ?? {});
}
