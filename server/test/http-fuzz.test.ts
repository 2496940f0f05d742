/**
 * An HTTP fuzz test driven by the OpenAPI document: for every operation in /api/openapi.json,
 * requests generated from its schemas (valid and boundary values, wrong types, missing and extra
 * fields, huge strings, NUL and lone surrogates, odd path parameters, malformed bodies, other
 * methods) sent as signed-in users of several roles, unauthenticated and with a forged token, on
 * the demo department. Asserted on every answer: never a 5xx; every error in the documented shape
 * `{"error":{"code","message","details?"}}`; text with NUL or a lone surrogate refused with 400.
 * Afterwards the server still answers, over a real socket too.
 *
 * Seeded and reproducible: RAILJOINT_FUZZ_SEED=<n> replays a run (every failure prints its seed),
 * RAILJOINT_FUZZ_ROUTE=<regex> narrows it to some operations, RAILJOINT_FUZZ_RUNS=<n> sets the
 * requests per operation and round (by default the API shares about 1,600 requests per engine).
 *
 * Nothing is left out. Operations that need care, and why:
 * - POST /api/auth/logout ends the session it is sent with: it gets sessions of its own, signed in
 *   for it, so the other operations keep their users.
 * - The fuzz users' own ids are never handed to other operations: a valid PATCH /api/users/{id}
 *   could disable one and turn the rest of the run into 401s that test nothing.
 * - Network, organisation and timetable imports replace what every other operation works on:
 *   they run last, from the small test network and organisation (the demo's are too large to send
 *   hundreds of times) as well as from their schemas.
 * - Uploads (attachments, CAP alerts, GTFS zips) take bytes, not JSON: they get files of allowed
 *   and refused types and sizes, odd X-Filename headers, official CAP samples with junk put in,
 *   and zips of random text, besides JSON.
 * - Webhook URLs point only at a closed local port, so no delivery looks up a host outside.
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, ENGINES, startApp, type TestApp } from './harness.js';
import { Harvest } from './fuzz/harvest.js';
import { answersJson, collectionOf, planArbitrary, toRequest, type Operation, type Plan } from './fuzz/route-requests.js';

const SEED = Number(process.env.RAILJOINT_FUZZ_SEED ?? crypto.randomInt(2 ** 31));
const ONLY = process.env.RAILJOINT_FUZZ_ROUTE ? new RegExp(process.env.RAILJOINT_FUZZ_ROUTE) : null;
/** two rounds, so the second finds what the first created */
const ROUNDS = 2;
/** what a run may cost as the API grows, requests per engine; at least three per operation and round */
const BUDGET = 1600;
const runsFor = (operations: number) => Number(process.env.RAILJOINT_FUZZ_RUNS ?? Math.max(3, Math.round(BUDGET / (operations * ROUNDS))));

const USERS = ['admin', 'lz.commander', 'lz.dispatcher1', 'lz.auditor', 'yufeng.liaison'];
/** after the users: unauthenticated, and tokens the server never issued */
const STRANGERS = [null, 'Bearer 0000000000000000000000000000000000000000000', 'Basic YWRtaW46YWRtaW4=', 'Bearer '];
const REPLACING = /^\/api\/(network|organisation|timetable)\/import$/;
const REPORT = { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '旅客报称列车车窗被石块击中' };

/** The documented shape exactly: `error` alone, with a code, a message and perhaps details. */
function documented(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Object.keys(body).join() !== 'error') return false;
  const e = (body as { error: Record<string, unknown> }).error;
  return !!e && typeof e === 'object' && typeof e.code === 'string' && e.code !== '' && typeof e.message === 'string' && Object.keys(e).every((k) => ['code', 'message', 'details'].includes(k));
}

/** Why an answer breaks the rules, or null. */
function problemWith(res: { statusCode: number; headers: Record<string, unknown>; body: string }, plan: Plan, method: string): string | null {
  if (res.statusCode >= 500) return `answered ${res.statusCode}`;
  if (plan.mustRefuseText && res.statusCode !== 400) return `carried NUL or a lone surrogate as text but answered ${res.statusCode}`;
  if (res.statusCode < 400 || method === 'HEAD') return null;
  if (!/^application\/json/.test(String(res.headers['content-type']))) return `error answered as ${String(res.headers['content-type'])}`;
  try {
    return documented(JSON.parse(res.body)) ? null : 'error not in the documented shape';
  } catch {
    return 'error body is not JSON';
  }
}

/** A seed for one operation and round, so adding a route does not change the requests of the others. */
const seedFor = (key: string) => crypto.createHash('sha256').update(`${SEED}:${key}`).digest().readUInt32BE(0);
/** A JSON answer's body; NDJSON exports and the like are not harvested. */
function jsonOf(res: { statusCode: number; headers: Record<string, unknown>; body: string }): unknown {
  if (res.statusCode >= 300 || !/^application\/json/.test(String(res.headers['content-type']))) return undefined;
  try {
    return JSON.parse(res.body);
  } catch {
    return undefined;
  }
}
const cut = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

describe.each(ENGINES)('HTTP fuzz from the OpenAPI document on %s', (engine) => {
  let t: TestApp;
  const tokens: Array<string | null> = [];
  const ids: string[] = [];
  const logoutSessions: string[] = [];
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    for (const u of USERS) {
      tokens.push(await t.login(u));
      ids.push((await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: tokens[tokens.length - 1]! } })).json().id);
    }
    tokens.push(...STRANGERS);
    for (let i = 0; i < 3; i++) logoutSessions.push(await t.login('lz.dispatcher2'));
  });
  afterAll(async () => t?.close());

  // a safety net for a hung request, not a measure: a deeper run (RAILJOINT_FUZZ_RUNS) gets longer
  it('never answers 5xx, answers every error in the documented shape, and stays up', { timeout: 60_000 * Math.max(5, Number(process.env.RAILJOINT_FUZZ_RUNS ?? 0)) }, async () => {
    const doc = (await t.http.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
    const operations: Operation[] = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method, path: p, parameters: (op.parameters ?? []) as Operation['parameters'] })))
      .filter((op) => !ONLY || ONLY.test(`${op.method.toUpperCase()} ${op.path}`))
      .sort((a, b) => Number(REPLACING.test(a.path)) - Number(REPLACING.test(b.path)));
    expect(operations.length).toBeGreaterThan(ONLY ? 0 : 100);
    const runs = runsFor(operations.length);

    const harvest = new Harvest();
    for (const id of ids) harvest.exclude(id);
    // something to act on from the start: every list the users can read, and one incident with a
    // report (files and exports are not read here: nothing in them is harvested)
    const dispatcher = tokens[USERS.indexOf('lz.dispatcher1')]!;
    const incident = await t.http.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: dispatcher }, payload: REPORT });
    harvest.collect('incidents', incident.json());
    harvest.collect('sitreps', (await t.http.inject({ method: 'POST', url: `/api/incidents/${incident.json().id}/sitreps`, headers: { authorization: dispatcher }, payload: {} })).json());
    for (const op of operations.filter((o) => o.method === 'get' && !o.path.includes('{') && answersJson(o))) {
      for (const token of tokens.slice(0, USERS.length)) {
        const res = await t.http.inject({ method: 'GET', url: op.path, headers: { authorization: token! } });
        harvest.collect(collectionOf(op.path), jsonOf(res));
      }
    }

    const failures: string[] = [];
    const counts = { requests: 0, byStatus: new Map<number, number>() };
    for (let round = 0; round < ROUNDS; round++) {
      for (const op of operations) {
        const name = `${op.method.toUpperCase()} ${op.path}`;
        const isLogout = op.path === '/api/auth/logout';
        const plans = fc.sample(planArbitrary(op, USERS.length, STRANGERS.length), { seed: seedFor(`${name}#${round}`), numRuns: runs });
        let lostSession = false;
        for (const [i, plan] of plans.entries()) {
          const auth = isLogout && plan.actor < USERS.length ? logoutSessions[plan.actor % logoutSessions.length]! : tokens[plan.actor]!;
          const request = toRequest(op, plan, harvest, auth);
          const where = `seed ${SEED} round ${round} #${i} ${name} [${plan.variant}] as ${USERS[plan.actor] ?? `stranger ${plan.actor - USERS.length}`}: ${request.method} ${cut(request.url, 200)}`;
          let res;
          try {
            res = await t.http.inject(request);
          } catch (e) {
            failures.push(`${where}\n  threw ${(e as Error).stack}`);
            continue;
          }
          counts.requests++;
          counts.byStatus.set(res.statusCode, (counts.byStatus.get(res.statusCode) ?? 0) + 1);
          const problem = problemWith(res, plan, request.method);
          if (problem) failures.push(`${where}\n  ${problem}\n  sent ${JSON.stringify(request.headers)} ${cut(typeof request.payload === 'string' ? request.payload : request.payload ? `<${request.payload.length} bytes>` : '')}\n  got ${cut(res.body)}`);
          if (request.method !== 'HEAD') harvest.collect(collectionOf(op.path), jsonOf(res));
          if (res.statusCode === 401 && plan.actor < USERS.length && !isLogout) lostSession = true;
        }
        // a user whose session a valid request ended (a password set, two-factor turned on) signs in again
        if (lostSession) {
          for (const [u, user] of USERS.entries()) {
            const me = await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: tokens[u]! } });
            if (me.statusCode === 401) tokens[u] = await t.login(user).catch(() => tokens[u]!);
          }
        }
      }
    }

    // Still up: the health route, a signed-in read, a sign-in, and a request over a real socket.
    // The sign-in comes from another address: the fuzz's wrong passwords rightly slow down its own.
    const after = [
      await t.http.inject({ method: 'GET', url: '/api/health' }),
      await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: tokens[USERS.indexOf('lz.dispatcher1')]! } }),
      await t.http.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.20.30.40', payload: { username: 'lz.dispatcher2', password: DEMO_PASSWORD } }),
    ];
    for (const res of after) if (res.statusCode !== 200) failures.push(`after the run: ${res.raw.req.method} ${res.raw.req.url} answered ${res.statusCode} ${cut(res.body)}`);
    const address = await t.http.listen({ port: 0, host: '127.0.0.1' });
    const overSocket = await fetch(`${address}/api/health`);
    if (overSocket.status !== 200) failures.push(`after the run: /api/health over a socket answered ${overSocket.status}`);

    const summary = `seed ${SEED} (RAILJOINT_FUZZ_SEED=${SEED} to replay): ${counts.requests} requests to ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries([...counts.byStatus].sort((a, b) => a[0] - b[0])))}`;
    console.info(`HTTP fuzz on ${engine}: ${summary}`);
    expect(failures, `${summary}\n${failures.length} failure(s):\n${failures.slice(0, 25).join('\n')}`).toEqual([]);
    // the fuzz got past validation and the policies often enough to test the handlers too
    if (!ONLY) expect((counts.byStatus.get(200) ?? 0) + (counts.byStatus.get(201) ?? 0), summary).toBeGreaterThan(counts.requests / 10);
  });
});
