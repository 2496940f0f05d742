import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from '../../../test/pg.js';
import { JobRunner } from './runner.js';
import { LocalLeases, PgLeases } from './leases.js';

async function until(what: string, ok: () => boolean | Promise<boolean>, boundMs = 20_000): Promise<void> {
  const end = Date.now() + boundMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('periodic jobs on one process (SQLite)', () => {
  it('runs every job here, and never starts a round while one is under way', async () => {
    const runner = new JobRunner(new LocalLeases());
    let rounds = 0;
    let overlapping = 0;
    let inside = 0;
    runner.add({
      name: 'slow',
      everyMs: 10,
      run: async () => {
        inside++;
        if (inside > 1) overlapping++;
        rounds++;
        await new Promise((r) => setTimeout(r, 30));
        inside--;
      },
    });
    const [a, b] = await Promise.all([runner.runNow('slow'), runner.runNow('slow')]);
    expect([a, b]).toEqual([true, true]);
    expect(rounds).toBe(1);
    runner.start();
    await until('a few rounds', () => rounds >= 5);
    await runner.close();
    expect(overlapping).toBe(0);
    expect(runner.states()).toEqual([expect.objectContaining({ name: 'slow', lastError: null })]);
  });

  it('keeps going after a failed round and reports the failure', async () => {
    const errors: string[] = [];
    const runner = new JobRunner(new LocalLeases(), (job, e) => errors.push(`${job}: ${(e as Error).message}`));
    let n = 0;
    runner.add({
      name: 'flaky',
      everyMs: 5,
      run: async () => {
        if (++n === 1) throw new Error('first round fails');
      },
    });
    runner.start();
    await until('rounds after the failure', () => n >= 3);
    await runner.close();
    expect(errors).toEqual(['flaky: first round fails']);
    expect(() => runner.add({ name: 'flaky', everyMs: 5, run: async () => {} })).toThrow(/twice/);
  });
});

describe('periodic jobs across instances (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  function instance(name: string, log: string[]) {
    const leases = new PgLeases(db.url);
    const runner = new JobRunner(leases);
    runner.add({ name: 'sweep', everyMs: 20, run: async () => void log.push(name) });
    runner.add({ name: 'other', everyMs: 20, run: async () => {} });
    return { runner, leases };
  }

  it('runs a job on one instance only, and another takes it over when the holder stops or its session dies', async () => {
    const log: string[] = [];
    const a = instance('a', log);
    await a.runner.runNow('sweep'); // a holds the lease first
    const b = instance('b', log);
    const c = instance('c', log);
    for (const i of [a, b, c]) i.runner.start();
    await until('rounds', () => log.length >= 20);
    expect(new Set(log)).toEqual(new Set(['a']));
    expect(a.runner.states().find((s) => s.name === 'sweep')?.here).toBe(true);
    expect(b.runner.states().find((s) => s.name === 'sweep')?.here).toBe(false);

    // the holder stops: its session ends and another instance takes the job
    await a.runner.close();
    const handedAt = log.length;
    await until('another instance runs it', () => log.slice(handedAt).some((x) => x !== 'a'));
    const next = log.at(-1)!;
    const survivor = next === 'b' ? b : c;
    const other = next === 'b' ? c : b;

    // the new holder's session is killed (as a crash or a database restart would): it loses the
    // lease, and the job goes on elsewhere without the two ever running it together
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'railjoint-leases' and pid in (select pid from pg_locks where locktype = 'advisory' and granted)");
    await admin.end();
    await until('the job runs again after the kill', async () => {
      const mark = log.length;
      await new Promise((r) => setTimeout(r, 100));
      return log.length > mark;
    });
    const holders = [survivor, other].filter((i) => i.runner.states().find((s) => s.name === 'sweep')?.here);
    expect(holders).toHaveLength(1);
    await survivor.runner.close();
    await other.runner.close();
  });

  it('lets one instance at a time hold a lease, and gives it back with the session', async () => {
    const one = new PgLeases(db.url);
    const two = new PgLeases(db.url);
    expect(await one.hold('x')).toBe(true);
    expect(await one.hold('x')).toBe(true);
    expect(await two.hold('x')).toBe(false);
    expect(await two.hold('y')).toBe(true);
    expect(one.held()).toEqual(['x']);
    await one.close();
    expect(await two.hold('x')).toBe(true);
    expect(two.held().sort()).toEqual(['x', 'y']);
    await two.close();
  });
});
