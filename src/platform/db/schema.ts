// Table types for Kysely, kept in step with migrations/*.sql.
import type { ColumnType, Generated } from 'kysely';

/** A `date` column, read and written as 'YYYY-MM-DD'. */
export type DateString = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface StatesTable {
  code: string;
  inegi: number;
  name: string;
}

export interface UnitsTable {
  clues: string;
  name: string;
  type: 'CMF' | 'UMF' | 'CH' | 'HG' | 'HR' | 'ADM';
  state_code: string;
  municipality: string;
  time_zone: string;
  address: string;
  phone: string;
  created_at: GeneratedTimestamp;
}

export interface ServicesTable {
  code: string;
  name: string;
  kind: 'medical' | 'administrative';
  slot_minutes: number;
  requires_adscription: boolean;
  requires_referral: ColumnType<boolean, boolean | undefined, boolean>;
  sort_order: ColumnType<number, number | undefined, number>;
}

export interface UnitServicesTable {
  unit_clues: string;
  service_code: string;
}

export interface ResourcesTable {
  id: Generated<number>;
  unit_clues: string;
  name: string;
  kind: 'consultorio' | 'desk' | 'room';
  shift: 'M' | 'V';
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface BeneficiariesTable {
  id: Generated<number>;
  curp: string;
  affiliation_number: string | null;
  given_names: string;
  first_surname: string;
  second_surname: string;
  birth_date: DateString;
  sex: 'H' | 'M' | 'X';
  phone: string | null;
  email: string | null;
  category: 'trabajador' | 'pensionado' | 'conyuge' | 'hijo' | 'padre' | 'madre';
  holder_id: number | null;
  unit_clues: string;
  consultorio: string;
  shift: 'M' | 'V';
  eligible_until: DateString;
  updated_at: GeneratedTimestamp;
}

export interface AgendaTemplatesTable {
  id: Generated<number>;
  resource_id: number;
  service_code: string;
  weekdays: number[];
  start_time: string;
  end_time: string;
  slot_minutes: number;
  horizon_days: number;
  release_time: string;
  share_web: number;
  share_phone: number;
  share_counter: number;
  valid_from: DateString;
  valid_until: DateString | null;
}

export interface ClosuresTable {
  id: Generated<number>;
  unit_clues: string | null;
  day: DateString;
  reason: string;
  created_at: GeneratedTimestamp;
}

export interface AbsencesTable {
  id: Generated<number>;
  resource_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: string;
  created_at: GeneratedTimestamp;
}

export type SlotPool = 'web' | 'phone' | 'counter';
export type SlotStatus = 'free' | 'booked' | 'blocked';

export interface SlotsTable {
  id: Generated<number>;
  template_id: number;
  resource_id: number;
  unit_clues: string;
  service_code: string;
  local_date: DateString;
  shift: 'M' | 'V';
  starts_at: Timestamp;
  ends_at: Timestamp;
  opens_at: Timestamp;
  pool: SlotPool;
  status: ColumnType<SlotStatus, SlotStatus | undefined, SlotStatus>;
  blocked_reason: string | null;
}

export type AppointmentChannel = 'web' | 'ivr' | 'agent' | 'counter';
export type AppointmentStatus = 'booked' | 'cancelled' | 'attended' | 'no_show';

export interface AppointmentsTable {
  id: Generated<string>;
  folio: string;
  beneficiary_id: number;
  slot_id: number;
  service_code: string;
  unit_clues: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  channel: AppointmentChannel;
  status: ColumnType<AppointmentStatus, AppointmentStatus | undefined, AppointmentStatus>;
  is_open: ColumnType<boolean, boolean | undefined, boolean>;
  needs_rebooking: ColumnType<boolean, boolean | undefined, boolean>;
  rebooking_reason: string | null;
  created_by: string;
  updated_by: string;
  cancel_reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface AppointmentEventsTable {
  id: Generated<number>;
  appointment_id: string;
  at: GeneratedTimestamp;
  action: 'booked' | 'cancelled' | 'rescheduled' | 'attended' | 'no_show' | 'flagged';
  actor: string;
  channel: string;
  from_slot_id: number | null;
  to_slot_id: number | null;
  detail: string | null;
}

export interface IdempotencyKeysTable {
  actor: string;
  key: string;
  request_hash: string;
  appointment_id: string;
  created_at: GeneratedTimestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  role: 'agent' | 'admin';
  unit_clues: string | null;
  token_hash: string;
  created_at: GeneratedTimestamp;
  revoked_at: Date | null;
}

export interface BeneficiaryImportsTable {
  id: Generated<number>;
  file_name: string;
  started_at: GeneratedTimestamp;
  finished_at: Date | null;
  read: ColumnType<number, number | undefined, number>;
  inserted: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  rejected: ColumnType<number, number | undefined, number>;
  flagged: ColumnType<number, number | undefined, number>;
  rejected_by_reason: ColumnType<Record<string, number>, string | undefined, string>;
}

/** Staging for one import; written with COPY, read back set-based. */
export interface BeneficiaryImportRowsTable {
  import_id: number;
  line: number;
  curp: string;
  affiliation_number: string | null;
  given_names: string;
  first_surname: string;
  second_surname: string;
  birth_date: DateString;
  sex: string;
  phone: string | null;
  email: string | null;
  category: string;
  holder_curp: string | null;
  unit_clues: string;
  consultorio: string;
  shift: string;
  eligible_until: DateString;
  reject_reason: string | null;
}

export interface Tables {
  states: StatesTable;
  units: UnitsTable;
  services: ServicesTable;
  unit_services: UnitServicesTable;
  resources: ResourcesTable;
  beneficiaries: BeneficiariesTable;
  agenda_templates: AgendaTemplatesTable;
  closures: ClosuresTable;
  absences: AbsencesTable;
  slots: SlotsTable;
  appointments: AppointmentsTable;
  appointment_events: AppointmentEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  api_tokens: ApiTokensTable;
  beneficiary_imports: BeneficiaryImportsTable;
  beneficiary_import_rows: BeneficiaryImportRowsTable;
}
