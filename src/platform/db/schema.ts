// Table types for Kysely, kept in step with migrations/*.sql.
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

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
  /** The full name folded for search (0120); the database computes it. */
  name_key: GeneratedAlways<string>;
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
  /** Percent of each day's slots released that same morning (0111). */
  share_same_day: ColumnType<number, number | undefined, number>;
  valid_from: DateString;
  valid_until: DateString | null;
  /** Set when an administrator retires the template: it generates no more slots (0150). */
  retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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
/** 'held': offered to one person on the waitlist (0100), shown to nobody else. */
export type SlotStatus = 'free' | 'booked' | 'blocked' | 'held';

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
  /** Reception (0110): arrival at the counter and the consultorio's call, each with who did it. */
  checked_in_at: Date | null;
  checked_in_by: string | null;
  called_at: Date | null;
  called_by: string | null;
  /** When the "ven ahora" SMS was queued (0110). */
  come_now_sent_at: Date | null;
  /** When the person was sent the SMS that a closure moved this appointment (0110). */
  rebooking_notified_at: Date | null;
  /** Flagged because its slot was closed (0171), not because the person's rights end. */
  slot_closed: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AppointmentEventsTable {
  id: Generated<number>;
  appointment_id: string;
  at: GeneratedTimestamp;
  action: 'booked' | 'cancelled' | 'rescheduled' | 'attended' | 'no_show' | 'flagged' | 'checked_in';
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
  role: 'agent' | 'reception' | 'unit_admin' | 'national_admin' | 'auditor';
  unit_clues: string | null;
  token_hash: string;
  created_at: GeneratedTimestamp;
  revoked_at: Date | null;
}

export type NotificationKind = 'otp' | 'booked' | 'cancelled' | 'rescheduled' | 'callback' | 'notice';

export interface NotificationsTable {
  id: Generated<number>;
  /** SMS when queued; the channel that carried it once sent (0141). */
  channel: 'sms' | 'whatsapp' | 'email';
  recipient: string;
  beneficiary_id: number | null;
  kind: NotificationKind;
  /** Null until delivery for confirmations composed from `appointment_id`. */
  body: string | null;
  appointment_id: string | null;
  status: ColumnType<
    'pending' | 'sent' | 'failed',
    'pending' | 'sent' | 'failed' | undefined,
    'pending' | 'sent' | 'failed'
  >;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: GeneratedTimestamp;
  last_error: string | null;
  provider_id: string | null;
  created_at: GeneratedTimestamp;
  sent_at: Date | null;
}

export type AuditActorKind = 'staff' | 'token' | 'beneficiary' | 'ivr' | 'system';

export interface AuditLogTable {
  id: Generated<number>;
  at: GeneratedTimestamp;
  actor_kind: AuditActorKind;
  actor_id: string;
  action: string;
  subject_beneficiary_id: number | null;
  unit_clues: string | null;
  channel: string;
  source_ip: string | null;
  result: 'ok' | 'refused' | 'failed';
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** One row: operational limits of booking that the database enforces (0042_open_appointment_cap.sql). */
export interface BookingPolicyTable {
  only_row: Generated<boolean>;
  max_open_appointments: number;
}

export interface RateLimitWindowsTable {
  key: string;
  window_start: Date;
  hits: number;
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
  /** False when the circuit breaker stopped the run (0090). */
  applied: ColumnType<boolean, boolean | undefined, boolean>;
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
  notifications: NotificationsTable;
  audit_log: AuditLogTable;
  rate_limit_windows: RateLimitWindowsTable;
  booking_policy: BookingPolicyTable;
  web_sessions: WebSessionsTable;
  sign_in_codes: SignInCodesTable;
  staff_accounts: StaffAccountsTable;
  phone_calls: PhoneCallsTable;
  callback_requests: CallbackRequestsTable;
  beneficiary_imports: BeneficiaryImportsTable;
  beneficiary_import_rows: BeneficiaryImportRowsTable;
  release_settings: ReleaseSettingsTable;
  allocation_releases: AllocationReleasesTable;
  allocation_held_slots: AllocationHeldSlotsTable;
  allocation_requests: AllocationRequestsTable;
  allocation_outcomes: AllocationOutcomesTable;
  waiting_room_releases: WaitingRoomReleasesTable;
  waiting_room_places: WaitingRoomPlacesTable;
  booking_reviews: BookingReviewsTable;
}

export type WebSessionSubjectKind = 'beneficiary' | 'staff';

export interface WebSessionsTable {
  id_hash: string;
  subject_kind: WebSessionSubjectKind | null;
  subject_id: string | null;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface SignInCodesTable {
  id: Generated<number>;
  session_hash: string;
  /** Null for a decoy: the sign-in of data that matched nobody who may receive a code. */
  beneficiary_id: number | null;
  salt: string;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_sent_at: Timestamp;
  sends: ColumnType<number, number | undefined, number>;
  attempts: ColumnType<number, number | undefined, number>;
  consumed_at: Date | null;
}

export interface StaffAccountsTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: 'agent' | 'reception' | 'unit_admin' | 'national_admin' | 'auditor';
  unit_clues: string | null;
  password_hash: string;
  created_at: GeneratedTimestamp;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
}

export interface PhoneCallsTable {
  call_id: string;
  platform: 'twiml' | 'vxml';
  caller: string | null;
  seq: number;
  state: ColumnType<unknown, string, string>;
  waiting_since: Date | null;
  started_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Timestamp;
}

export type CallbackStatus = 'pending' | 'taken' | 'done' | 'unreachable';

export interface CallbackRequestsTable {
  id: Generated<number>;
  phone: string;
  beneficiary_id: number | null;
  call_id: string;
  reason: 'busy' | 'unanswered';
  status: ColumnType<CallbackStatus, CallbackStatus | undefined, CallbackStatus>;
  requested_at: Timestamp;
  taken_by: number | null;
  taken_at: Date | null;
  closed_at: Date | null;
}

// Staff sign-in hardening (0070, 0071): tries per account and address, lock-out notices, TOTP.
export interface Tables {
  staff_sign_in_throttles: StaffSignInThrottlesTable;
  staff_totp_challenges: StaffTotpChallengesTable;
}

export interface StaffAccountsTable {
  lockouts_unseen: ColumnType<number, number | undefined, number>;
  /** Encrypted (`v1:` AES-256-GCM) when STAFF_TOTP_KEY is set; never logged. */
  totp_secret: string | null;
  totp_enrolled_at: Date | null;
  totp_last_step: ColumnType<string | null, string | number | null | undefined, string | number | null>;
}

export interface StaffSignInThrottlesTable {
  staff_id: number;
  source: string;
  window_start: Date;
  tries: number;
}

export interface StaffTotpChallengesTable {
  session_hash: string;
  staff_id: number;
  expires_at: Date;
  pending_secret: string | null;
}

// Sign-in codes composed at delivery (0075): an OTP row names its sign-in and send, never the code.
export interface NotificationsTable {
  sign_in_code_id: number | null;
  code_send: number | null;
}

// The keyed audit chain (0076): seals in their own append-only table, entries queued for sealing.
export interface AuditSealsTable {
  chain_seq: number;
  audit_id: number;
  prev_hash: string;
  hash: string;
  sealed_at: GeneratedTimestamp;
}

export interface AuditPendingTable {
  id: number;
}

export interface Tables {
  audit_seals: AuditSealsTable;
  audit_pending: AuditPendingTable;
}

// Release settings (waiting room, request and allocate): migration 0060.

/** race: first come at the opening second; queue: the waiting room; allocate: request and allocate. */
export type ReleaseMode = 'race' | 'queue' | 'allocate';

export interface ReleaseSettingsTable {
  unit_clues: string;
  service_code: string;
  mode: ReleaseMode;
  pre_window_minutes: ColumnType<number, number | undefined, number>;
  pass_minutes: ColumnType<number, number | undefined, number>;
  admit_per_minute: ColumnType<number, number | undefined, number>;
  rush_minutes: ColumnType<number, number | undefined, number>;
  updated_by: number | null;
  updated_at: GeneratedTimestamp;
}

// Request and allocate: migration 0065.

export type AllocationChannel = 'web' | 'ivr' | 'agent';
export type AllocationOutcomeStatus = 'pending' | 'booked' | 'not_granted' | 'refused';

export interface AllocationReleasesTable {
  id: Generated<number>;
  unit_clues: string;
  service_code: string;
  opens_at: Date;
  requests_from: Date;
  seed: string | null;
  draw_input: ColumnType<unknown, string | null | undefined, string | null>;
  drawn_at: Date | null;
  completed_at: Date | null;
  created_at: GeneratedTimestamp;
}

export interface AllocationHeldSlotsTable {
  slot_id: number;
  release_id: number;
  opened_at: Date | null;
}

export interface AllocationRequestsTable {
  id: Generated<number>;
  release_id: number;
  curp_digest: string;
  beneficiary_id: number | null;
  channel: AllocationChannel;
  days: ColumnType<DateString[], DateString[] | undefined, DateString[]>;
  shift: 'M' | 'V' | null;
  filed_by: string;
  filed_at: GeneratedTimestamp;
}

export interface AllocationOutcomesTable {
  request_id: number;
  release_id: number;
  position: number | null;
  slot_id: number | null;
  status: AllocationOutcomeStatus;
  refusal_code: string | null;
  appointment_id: string | null;
  settled_at: Date | null;
}

// The waiting room: migrations 0061 and 0062.

export interface WaitingRoomReleasesTable {
  id: Generated<number>;
  unit_clues: string;
  service_code: string;
  opens_at: Timestamp;
  created_at: GeneratedTimestamp;
  drawn_at: Date | null;
  draw_seed: string | null;
  draw_order: ColumnType<number[] | null, string | null | undefined, string | null>;
  last_admission_at: Date | null;
  admission_credit: ColumnType<number, number | undefined, number>;
}

export type WaitingPlaceStatus = 'waiting' | 'admitted' | 'used' | 'expired';

export interface WaitingRoomPlacesTable {
  id: Generated<number>;
  release_id: number;
  curp_hash: string;
  beneficiary_id: number | null;
  token_hash: string;
  joined_at: Timestamp;
  draw_rank: number | null;
  queued_at: Timestamp;
  status: ColumnType<WaitingPlaceStatus, WaitingPlaceStatus | undefined, WaitingPlaceStatus>;
  admitted_at: Date | null;
  pass_expires_at: Date | null;
  used_at: Date | null;
}

export interface BookingReviewsTable {
  key: string;
  session_hash: string;
  beneficiary_id: number;
  slot_id: number;
  created_at: Timestamp;
}

// The waitlist and its backfill: migration 0100.
export type WaitlistOfferStatus = 'open' | 'taken' | 'expired' | 'declined' | 'void';

export interface WaitlistEntriesTable {
  id: Generated<number>;
  beneficiary_id: number;
  unit_clues: string;
  service_code: string;
  weekdays: number[] | null;
  shift: 'M' | 'V' | null;
  channel: AppointmentChannel;
  created_by: string;
  joined_at: Timestamp;
}

export interface WaitlistOffersTable {
  id: Generated<number>;
  entry_id: number | null;
  beneficiary_id: number;
  slot_id: number;
  unit_clues: string;
  service_code: string;
  status: ColumnType<WaitlistOfferStatus, WaitlistOfferStatus | undefined, WaitlistOfferStatus>;
  offered_at: Timestamp;
  expires_at: Timestamp;
  closed_at: Date | null;
  appointment_id: string | null;
}

export interface SlotVacanciesTable {
  slot_id: number;
  freed_at: GeneratedTimestamp;
}

export interface Tables {
  waitlist_entries: WaitlistEntriesTable;
  waitlist_offers: WaitlistOffersTable;
  slot_vacancies: SlotVacanciesTable;
}

// Reminders and answers: migration 0101.
export interface AppointmentRemindersTable {
  id: Generated<number>;
  appointment_id: string;
  lead_hours: number;
  confirm_by: Date | null;
  recipient: string;
  queued_at: Timestamp;
}

export interface AppointmentsTable {
  confirmed_at: Date | null;
  answered_at: Date | null;
}

export interface Tables {
  appointment_reminders: AppointmentRemindersTable;
}

// A closure's proposed replacement time, held for the appointment: migration 0170.
export type RebookingProposalStatus = 'open' | 'kept' | 'declined' | 'expired' | 'withdrawn';

export interface RebookingProposalsTable {
  id: Generated<number>;
  appointment_id: string;
  beneficiary_id: number;
  slot_id: number;
  status: ColumnType<RebookingProposalStatus, RebookingProposalStatus | undefined, RebookingProposalStatus>;
  proposed_at: Timestamp;
  expires_at: Timestamp;
  closed_at: Date | null;
}

export interface Tables {
  rebooking_proposals: RebookingProposalsTable;
}
