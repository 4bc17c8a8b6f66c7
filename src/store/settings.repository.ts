import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Names of the instance settings ombuds keeps in the database. */
export type SettingName = 'key_check';

/** The stored value, or undefined when unset or when the table does not exist yet (new database). */
export async function readSetting(db: Executor, name: SettingName): Promise<string | undefined> {
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === 'instance_settings')) return undefined;
  const row = await db
    .selectFrom('instance_settings')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.value;
}

/** Sets a value once; a second write of the same name fails on the primary key. */
export async function insertSetting(db: Executor, name: SettingName, value: string): Promise<void> {
  await db.insertInto('instance_settings').values({ name, value }).execute();
}

/** True when any case exists: its data key is sealed under the key-encryption key. */
export async function holdsSealedData(db: Executor): Promise<boolean> {
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === 'cases')) return false;
  const row = await db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
