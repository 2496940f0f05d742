import { sql, type RawBuilder } from 'kysely';
import type { Engine } from '../../platform/db/database.js';

/**
 * The few SQL fragments the two engines spell differently. Timestamps are ISO-8601 UTC text on
 * both (decisions: one set of migrations), so spans are computed from that text.
 */
type Expr = RawBuilder<unknown>;

/** Seconds from a to b (either a column reference or a bound ISO instant). */
export function secs(engine: Engine, a: Expr, b: Expr): RawBuilder<number> {
  return engine === 'postgres'
    ? sql<number>`(extract(epoch from ((${b})::timestamptz - (${a})::timestamptz)))::float8`
    : sql<number>`((julianday(${b}) - julianday(${a})) * 86400.0)`;
}

/** The later of two ISO instants (text compares as time). */
export function later(engine: Engine, a: Expr, b: Expr): RawBuilder<string> {
  return engine === 'postgres' ? sql<string>`greatest(${a}, ${b})` : sql<string>`max(${a}, ${b})`;
}

/** The earlier of two ISO instants. */
export function earlier(engine: Engine, a: Expr, b: Expr): RawBuilder<string> {
  return engine === 'postgres' ? sql<string>`least(${a}, ${b})` : sql<string>`min(${a}, ${b})`;
}

/** A bound text value typed for both engines' comparisons with text columns. */
export function text(v: string): RawBuilder<string> {
  return sql<string>`${v}`;
}

export const ref = (name: string): RawBuilder<unknown> => sql`${sql.ref(name)}`;
