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
  });
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
