import type pg from 'pg';

/** Only statements PostgreSQL can prepare: utility statements (DDL in migrations) run as they are. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * Named statements on PostgreSQL. Kysely sends every query unnamed, so the server parses and
 * plans its text each time; the platform's queries repeat their text (values are bound), and a
 * dispatch makes some twenty of them. Naming each text once lets every connection parse it once
 * and then only bind and execute it: less work for the server and fewer bytes per statement.
 *
 * The names are kept per pool, one per text, up to `limit` (texts that vary with the length of an
 * IN list would otherwise grow it without end); past it, new texts run unnamed as before. A
 * schema change under a live connection can make PostgreSQL refuse a prepared `select *` whose
 * columns changed ("cached plan must not change result type"): migrations run before an instance
 * serves, and a new version's instances start on fresh connections.
 */
export function nameStatements(limit = 2000): (client: pg.PoolClient) => void {
  const names = new Map<string, string>();
  return (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
      if (typeof text === 'string' && callback === undefined && (values === undefined || Array.isArray(values))) {
        let name = names.get(text);
        if (name === undefined && names.size < limit && PREPARABLE.test(text)) {
          name = `rj${names.size}`;
          names.set(text, name);
        }
        if (name !== undefined) return query({ name, text, values });
      }
      return callback === undefined ? query(text, values) : query(text, values, callback);
    };
  };
}
