import type pg from 'pg';

/** Only statements PostgreSQL can prepare: utility statements (DDL in migrations) run as they are. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
const BEGIN = /^\s*(begin|start\s+transaction)\b/i;
const END = /^\s*(commit|rollback|end|abort)\s*;?\s*$/i;

/** PostgreSQL's refusal of a prepared statement whose result columns changed under it (ALTER TABLE). */
function resultTypeChanged(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '0A000' && /cached plan must not change result type/.test(String((e as { message?: unknown }).message));
}

/**
 * Named statements on PostgreSQL. Kysely sends every query unnamed, so the server parses and
 * plans its text each time; the platform's queries repeat their text (values are bound), and a
 * dispatch makes some twenty of them. Naming each text once lets every connection parse it once
 * and then only bind and execute it: less work for the server and fewer bytes per statement.
 *
 * The names are kept per pool, one per text, up to `limit` (texts that vary with the length of an
 * IN list would otherwise grow it without end); past it, new texts run unnamed as before.
 *
 * A migration run by a newer instance while this one serves (a rolling upgrade) can add a column
 * under a prepared `select *`, which PostgreSQL then refuses ("cached plan must not change result
 * type"). That text runs unnamed from then on, and the query is run again at once when it was not
 * inside a transaction; inside one, the transaction fails once, as any conflict would.
 */
export function nameStatements(limit = 2000): (client: pg.PoolClient) => void {
  const names = new Map<string, string>();
  const unnamed = new Set<string>();
  let next = 0;
  return (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    let inTransaction = false;
    (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
      if (typeof text === 'string' && callback === undefined && (values === undefined || Array.isArray(values))) {
        if (BEGIN.test(text)) inTransaction = true;
        else if (END.test(text)) inTransaction = false;
        let name = names.get(text);
        if (name === undefined && next < limit && !unnamed.has(text) && PREPARABLE.test(text)) {
          name = `rj${next++}`;
          names.set(text, name);
        }
        if (name !== undefined) {
          const retry = !inTransaction;
          return query({ name, text, values }).catch((e: unknown) => {
            if (!resultTypeChanged(e)) throw e;
            names.delete(text);
            unnamed.add(text);
            if (retry) return query(text, values);
            throw e;
          });
        }
      }
      return callback === undefined ? query(text, values) : query(text, values, callback);
    };
  };
}
