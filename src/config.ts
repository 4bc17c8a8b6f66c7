import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Parsed once at start-up, frozen, and failing fast with one line
 * per bad variable that names it and says what it expects.
 */

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

export interface Config {
  readonly dataDir: string;
  readonly database: DatabaseTarget;
  readonly listen: { readonly host: string; readonly port: number };
  readonly publicUrl: string;
  /** Keys from the environment, when the operator keeps them there instead of in a key file. */
  readonly keysFromEnv: {
    readonly keyEncryptionKey: string;
    readonly blindIndexKey: string;
  } | null;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Where people can find help outside ombuds; shown on the public pages, never hard-coded. */
  readonly foundationName: string;
  readonly emergencyContact: string | null;
  /** The conduct staff who receive reports, named on the guidelines page (OMBUDS_CONDUCT_STAFF). */
  readonly conductStaff: readonly ConductStaffContact[];
  /** Where the quick-exit control on every public page leads (OMBUDS_QUICK_EXIT_URL). */
  readonly quickExitUrl: string;
  /** Reports one client may send an hour through /report (OMBUDS_REPORTS_PER_HOUR). */
  readonly reportsPerHour: number;
}

/** One member of the conduct staff as the guidelines page shows them. */
export interface ConductStaffContact {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const listenPattern = /^(?<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(?<port>\d{1,5})$/;

const schema = z.object({
  OMBUDS_DATA_DIR: z.string().min(1, 'a directory path').default('./data'),
  OMBUDS_DATABASE_URL: z.string().optional(),
  OMBUDS_LISTEN: z
    .string()
    .default('127.0.0.1:8080')
    .refine((value) => {
      const port = Number(listenPattern.exec(value)?.groups?.port ?? 'NaN');
      return port >= 1 && port <= 65535;
    }, 'host:port, for example 127.0.0.1:8080 or [::1]:8080'),
  OMBUDS_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'an http:// or https:// URL, for example https://conduct.example.org',
    })
    .optional(),
  OMBUDS_KEY_ENCRYPTION_KEY: z.string().optional(),
  OMBUDS_BLIND_INDEX_KEY: z.string().optional(),
  OMBUDS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  OMBUDS_FOUNDATION_NAME: z.string().trim().min(1).max(200).default('the Foundation'),
  OMBUDS_EMERGENCY_CONTACT: z.string().trim().max(500).optional(),
  OMBUDS_CONDUCT_STAFF: z.string().max(5000).optional(),
  OMBUDS_QUICK_EXIT_URL: z
    .url({
      protocol: /^https?$/,
      error: 'an http:// or https:// URL of a neutral site, for example https://www.wikipedia.org/',
    })
    .default('https://www.wikipedia.org/'),
  OMBUDS_REPORTS_PER_HOUR: z.coerce
    .number({ error: 'a whole number from 1 to 1000000' })
    .int('a whole number from 1 to 1000000')
    .min(1, 'a whole number from 1 to 1000000')
    .max(1_000_000, 'a whole number from 1 to 1000000')
    .default(20),
});

/** Reads the configuration from an environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${String(issue.path[0])}: expected ${issue.message}`),
    );
  }
  const vars = parsed.data;
  const problems: string[] = [];

  const dataDir = path.resolve(vars.OMBUDS_DATA_DIR);
  const database = parseDatabaseUrl(vars.OMBUDS_DATABASE_URL, dataDir, problems);

  const match = listenPattern.exec(vars.OMBUDS_LISTEN);
  const host = (match?.groups?.host ?? '127.0.0.1').replace(/^\[|\]$/g, '');
  const port = Number(match?.groups?.port ?? 8080);

  const conductStaff = parseConductStaff(vars.OMBUDS_CONDUCT_STAFF ?? '', problems);

  const kek = vars.OMBUDS_KEY_ENCRYPTION_KEY;
  const bik = vars.OMBUDS_BLIND_INDEX_KEY;
  if ((kek === undefined) !== (bik === undefined)) {
    problems.push(
      'OMBUDS_KEY_ENCRYPTION_KEY, OMBUDS_BLIND_INDEX_KEY: expected both set (keys from the environment) or neither (keys from the key file)',
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const displayHost = host.includes(':') ? `[${host}]` : host;
  return Object.freeze({
    dataDir,
    database,
    listen: Object.freeze({ host, port }),
    publicUrl: (vars.OMBUDS_PUBLIC_URL ?? `http://${displayHost}:${port}`).replace(/\/+$/, ''),
    keysFromEnv:
      kek !== undefined && bik !== undefined
        ? Object.freeze({ keyEncryptionKey: kek, blindIndexKey: bik })
        : null,
    logLevel: vars.OMBUDS_LOG_LEVEL,
    foundationName: vars.OMBUDS_FOUNDATION_NAME,
    emergencyContact: vars.OMBUDS_EMERGENCY_CONTACT ?? null,
    conductStaff,
    quickExitUrl: vars.OMBUDS_QUICK_EXIT_URL,
    reportsPerHour: vars.OMBUDS_REPORTS_PER_HOUR,
  });
}

// `Name <e-mail> phone`: a name, then an e-mail address in angle brackets and/or a phone number.
const staffEntryPattern =
  /^(?<name>[^<>;]*?)\s*(?:<(?<email>[^\s<>@;]+@[^\s<>@;]+)>)?\s*(?<phone>\+?[0-9][0-9 ()./-]{3,40})?$/u;

/**
 * OMBUDS_CONDUCT_STAFF: entries separated by `;`, each `Name <e-mail> phone` with the e-mail or
 * the phone (or both), e.g. `Ada Lovelace <ada@example.org> +44 20 7946 0000; Grace Hopper
 * <grace@example.org>`. Empty means the guidelines page names no one.
 */
export function parseConductStaff(raw: string, problems: string[]): ConductStaffContact[] {
  const entries = raw
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const contacts: ConductStaffContact[] = [];
  entries.forEach((entry, index) => {
    const groups = staffEntryPattern.exec(entry)?.groups;
    const name = groups?.name?.trim() ?? '';
    if (!groups || name === '' || (groups.email === undefined && groups.phone === undefined)) {
      problems.push(
        `OMBUDS_CONDUCT_STAFF: expected entries "Name <e-mail> phone" separated by ";", each with an e-mail address or a phone number (entry ${index + 1} is "${entry.slice(0, 80)}")`,
      );
      return;
    }
    contacts.push({ name, email: groups.email ?? null, phone: groups.phone?.trim() ?? null });
  });
  return contacts;
}

function parseDatabaseUrl(
  raw: string | undefined,
  dataDir: string,
  problems: string[],
): DatabaseTarget {
  if (raw === undefined || raw === '') {
    return { kind: 'sqlite', file: path.join(dataDir, 'ombuds.sqlite') };
  }
  const expected =
    'OMBUDS_DATABASE_URL: expected sqlite:<path> (for example sqlite:./data/ombuds.sqlite) or postgres://user@host:port/database';
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '' || file === ':memory:') {
      problems.push(expected);
      return { kind: 'sqlite', file: '' };
    }
    return { kind: 'sqlite', file: path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      const url = new URL(raw);
      if (url.pathname.length <= 1) throw new Error('no database name');
      return { kind: 'postgres', url: raw };
    } catch {
      problems.push(expected);
      return { kind: 'postgres', url: '' };
    }
  }
  problems.push(expected);
  return { kind: 'sqlite', file: '' };
}
