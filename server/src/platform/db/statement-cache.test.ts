import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('the statement cache', () => {
  it('compiles a statement once per text, keeps the most recently used and never reuses a busy one', () => {
    const raw = new SQLite(':memory:');
    raw.exec('create table t (x integer)');
    raw.exec('insert into t values (1), (2), (3)');
    let compiled = 0;
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((sql: string) => {
      compiled++;
      return prepare(sql);
    }) as typeof raw.prepare;
    const db = withStatementCache(raw, 2);
    const a = db.prepare('select x from t where x > ?');
    expect(db.prepare('select x from t where x > ?')).toBe(a);
    expect(compiled).toBe(1);
    // bound anew on every run: the cached statement answers each call with its own parameters
    expect((a as unknown as SQLite.Statement).all(1)).toEqual([{ x: 2 }, { x: 3 }]);
    expect((a as unknown as SQLite.Statement).all(2)).toEqual([{ x: 3 }]);

    // while a streamed select iterates, the same text gets a statement of its own
    const streaming = db.prepare('select x from t') as unknown as SQLite.Statement;
    const it = streaming.iterate();
    expect(it.next().value).toEqual({ x: 1 });
    const second = db.prepare('select x from t') as unknown as SQLite.Statement;
    expect(second).not.toBe(streaming);
    expect(second.all()).toHaveLength(3);
    expect([...it]).toEqual([{ x: 2 }, { x: 3 }]);
    expect(db.prepare('select x from t')).toBe(streaming);

    // least recently used goes first: the first text is compiled again after two others
    const before = compiled;
    db.prepare('select count(*) as n from t');
    db.prepare('select max(x) as m from t');
    db.prepare('select x from t where x > ?');
    expect(compiled).toBe(before + 3);
    db.close();
  });
});
