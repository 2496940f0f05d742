import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { leaseKey } from './leases.js';

const START_NAMESPACE = 730_101;

export interface StartLock {
  release(): Promise<void>;
}

/**
 * Instances started together on one database take turns through their first-start work (the
 * defaults, the admin account, the demo department) and load the network and organisation after
 * the one before them has written them: otherwise two would seed the demo twice, or one would
 * load an empty network another is still importing. It waits; it is held on a session of its own,
 * so a process that dies while holding it lets the next one in at once. SQLite has one process.
 */
export async function takeStartLock(database: DatabaseConfig): Promise<StartLock> {
  if (database.engine !== 'postgres') return { release: async () => {} };
  const client = new pg.Client({ connectionString: database.url, application_name: 'railjoint-start' });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1, $2)', [START_NAMESPACE, leaseKey('start')]);
  } catch (e) {
    await client.end().catch(() => {});
    throw e;
  }
  return { release: () => client.end().catch(() => {}) };
}
