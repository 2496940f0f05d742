import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulationResult } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';

const EXAMPLE = JSON.parse(fs.readFileSync(new URL('../src/modules/allocation/simulation/example-scenario.json', import.meta.url), 'utf8')) as Record<string, unknown> & { arrivals: { rates: Array<{ perHour: unknown }> } };

/** `POST /api/allocation/simulate`: the documented example scenario over HTTP, siloed against joint, in a worker thread. */
describe.each(ENGINES)('response simulation (API) on %s', (engine) => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await startApp({ engine, demo: false });
    auth = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const run = (payload: unknown, authorization: string | null = auth) => t.http.inject({ method: 'POST', url: '/api/allocation/simulate', headers: authorization ? { authorization } : {}, payload: payload as never });

  it('runs the example both ways, the joint response no slower, and names a bad field', async () => {
    const [siloed, joint] = await Promise.all([run({ scenario: EXAMPLE, policy: 'siloed' }), run({ scenario: EXAMPLE, policy: 'joint' })]);
    expect(siloed.statusCode, siloed.body).toBe(200);
    const s = SimulationResult.parse(siloed.json());
    const j = SimulationResult.parse(joint.json());
    expect([s.policy, j.policy]).toEqual(['siloed', 'joint']);
    // the same seed meets the same incidents under both policies
    expect(j.counts.generated).toBe(s.counts.generated);
    expect(j.overall.p90S!).toBeLessThanOrEqual(s.overall.p90S!);
    expect(s.counts.transferred).toBeGreaterThan(0);
    expect(j.counts.transferred).toBe(0);

    const bad = structuredClone(EXAMPLE);
    bad.arrivals.rates[0]!.perHour = -1;
    const refused = await run({ scenario: bad });
    expect(refused.statusCode).toBe(400);
    expect((refused.json().error.details.fields as Array<{ field: string }>)[0]!.field).toMatch(/^body\.scenario\.arrivals\.rates\[0\]\.perHour/);
    expect((await run({ scenario: EXAMPLE }, null)).statusCode).toBe(401);
  });
});
