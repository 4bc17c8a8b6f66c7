import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';

/**
 * The database as the application sees it, kept in step with src/store/migrations by hand.
 * Times are ISO-8601 UTC text; flags are 0/1; `*_sealed` columns are ciphertext (src/crypto).
 */
export interface DB {
  instance_settings: InstanceSettingsTable;
  cases: CasesTable;
  reports: ReportsTable;
  parties: PartiesTable;
  identifiers: IdentifiersTable;
  case_events: CaseEventsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  staff_users: StaffUsersTable;
  sessions: SessionsTable;
  staff_enrolments: StaffEnrolmentsTable;
  outbox: OutboxTable;
}

export interface InstanceSettingsTable {
  name: string;
  value: string;
}

export interface CasesTable {
  id: string;
  created_at: string;
  updated_at: string;
  step: string;
  danger_flag: number;
  route: string;
  merged_into: string | null;
  version: number;
  kek_id: string;
  wrapped_data_key: Uint8Array;
}

export interface ReportsTable {
  id: string;
  case_id: string;
  received_at: string;
  channel: string;
  submission_id: string | null;
  content_sealed: Uint8Array;
}

export interface PartiesTable {
  id: string;
  case_id: string;
  role: string;
  details_sealed: Uint8Array;
  created_at: string;
}

export interface IdentifiersTable {
  id: string;
  party_id: string;
  case_id: string;
  kind: string;
  blind_index: string;
  value_sealed: Uint8Array;
}

export interface CaseEventsTable {
  case_id: string;
  seq: number;
  at: string;
  actor_id: string;
  type: string;
  payload_sealed: Uint8Array;
}

export interface AuditLogTable {
  seq: number;
  /** The exact hashed text (src/store/audit-hash.ts); the columns below are generated from it. */
  entry: string;
  hash: string;
  at: GeneratedAlways<string>;
  actor: GeneratedAlways<string>;
  action: GeneratedAlways<string>;
  case_id: GeneratedAlways<string | null>;
}

export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export interface StaffUsersTable {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  password_hash: string;
  totp_secret_sealed: Uint8Array | null;
  created_at: string;
  disabled_at: string | null;
  /** Added by 2026-11-25T0200-staff-auth: null until the invited person enrols. */
  enrolled_at: string | null;
  password_changed_at: string | null;
  /** The last TOTP time step accepted; codes of this step or earlier are refused (replay). */
  totp_last_step: number | null;
}

/** One-time enrolment links (2026-11-25T0200-staff-auth); only the token's SHA-256 is kept. */
export interface StaffEnrolmentsTable {
  token_hash: string;
  user_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface OutboxTable {
  id: string;
  created_at: string;
  kind: string;
  case_id: string | null;
  payload_sealed: Uint8Array;
  attempts: Generated<number>;
  next_attempt_at: string;
  delivered_at: string | null;
  last_error: string | null;
}

export type CaseRow = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;
export type AuditRow = Selectable<AuditLogTable>;
