import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { READ_POLICIES, type ResourceKind } from '../src/platform/policies.js';
import type { ReadsDeclaration, RouteSpec } from '../src/platform/http/route.js';
import { Oracle } from './access/oracle.js';
import { World, type Fixture } from './access/world.js';

/**
 * The access matrix, from the outside: every read route that returns agency data, asked by people
 * of every role and every relation to every kind of resource, each answer compared with what the
 * read rules (policies/*.ts) say — the expectations come from the rules' own grants, not from a
 * table written here. A refused read must be a 404; a list must hold exactly the readable items
 * it covers; a document must not name what its reader may not read.
 */

type ResourceReads = Extract<ReadsDeclaration, { item?: unknown }>;

/** Query strings a route needs to show what it holds (the task list's default is "mine"). */
const QUERY: Record<string, string> = {
  '/api/tasks': 'scope=all',
  '/api/bulletins': 'view=all',
  '/api/sitreps/:id/export': 'format=html',
  // the demo department registers some 240 devices: the whole registry in one page
  '/api/devices': 'limit=1000',
  // an agreement's obligations are measured per Beijing month
  '/api/agreements/:id/compliance': `month=${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)}`,
};

function resourceReads(route: RouteSpec): ResourceReads | null {
  const r = route.reads;
  if (!r || 'reference' in r || 'own' in r || 'action' in r) return null;
  return r;
}

/** Values at a path like `incidents.*.id` or `timeline.*.detail.taskId` in a JSON answer. */
function valuesAt(value: unknown, path: string[]): string[] {
  if (!path.length) return typeof value === 'string' ? [value] : [];
  if (value === null || typeof value !== 'object') return [];
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(value) ? value.flatMap((v) => valuesAt(v, rest)) : [];
  return valuesAt((value as Record<string, unknown>)[head!], rest);
}

function fill(url: string, params: Record<string, string>): string | null {
  let missing = false;
  const out = url.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in params)) missing = true;
    return encodeURIComponent(params[name] ?? '');
  });
  return missing ? null : out;
}

describe.each(ENGINES)('access matrix on %s', (engine) => {
  let t: TestApp;
  let world: World;
  let oracle: Oracle;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    world = new World(t);
    await world.build();
    oracle = new Oracle(t.app.db.kysely);
  });
  afterAll(async () => t?.close());

  it('has every signed-in read say what it returns', () => {
    const silent = t.app.routes.filter((r) => r.method === 'GET' && r.access === 'signed-in' && !r.reads).map((r) => r.url);
    expect(silent).toEqual([]);
    // and every kind a route declares has a read rule
    for (const r of t.app.routes) {
      const reads = resourceReads(r);
      const kinds = [reads?.item?.kind, ...(reads?.lists ?? []).map((l) => l.kind), ...(reads?.mentions ?? [])].filter(Boolean) as string[];
      for (const k of kinds) expect(Object.keys(READ_POLICIES), `${r.url} reads ${k}`).toContain(k);
    }
  });

  // every read route × every person × every resource: about 25 s on SQLite alone, several times that on
  // PostgreSQL while the other files run on the same two cores
  it('answers every read route as the read rules say, for every person and resource', { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    const outcomes = new Map<string, { allowed: number; refused: number }>();
    const tally = (url: string, allowed: boolean) => {
      const o = outcomes.get(url) ?? { allowed: 0, refused: 0 };
      o[allowed ? 'allowed' : 'refused']++;
      outcomes.set(url, o);
    };
    const routes = t.app.routes.filter((r) => r.method === 'GET' && resourceReads(r));
    for (const route of routes) {
      const decl = resourceReads(route)!;
      const cases: Array<{ url: string; fixture: Fixture | null }> = [];
      if (decl.item) {
        for (const f of world.fixtures.filter((x) => x.kind === decl.item!.kind)) {
          const url = fill(route.url, { [decl.item.param]: f.id, ...f.params, ...f.routeParams?.[route.url] });
          if (url) cases.push({ url, fixture: f });
        }
        if (!cases.length) problems.push(`${route.url}: no fixture of kind ${decl.item.kind} can fill it`);
      } else {
        cases.push({ url: route.url, fixture: null });
      }
      for (const c of cases) {
        const url = QUERY[route.url] ? `${c.url}?${QUERY[route.url]}` : c.url;
        for (const person of world.people.values()) {
          const res = await world.call(person.username, 'GET', url);
          const who = `${person.username} GET ${url}${c.fixture ? ` (${c.fixture.label})` : ''}`;
          if (res.statusCode >= 500) {
            problems.push(`${who}: ${res.statusCode} ${res.body.slice(0, 200)}`);
            continue;
          }
          if (decl.item && c.fixture) {
            const want = await oracle.expect(decl.item.kind, c.fixture.id, person);
            tally(route.url, want);
            if (want && res.statusCode === 404) problems.push(`${who}: refused (404) but the rules let ${person.agencyId} in`);
            if (!want && res.statusCode !== 404) problems.push(`${who}: answered ${res.statusCode} but the rules refuse ${person.agencyId}`);
            if (!want) continue;
          }
          if (res.statusCode !== 200) continue;
          const isJson = String(res.headers['content-type'] ?? '').includes('json');
          for (const list of decl.lists ?? []) {
            if (!isJson) continue;
            const ids = valuesAt(res.json(), list.at.split('.'));
            for (const id of new Set(ids)) {
              if (!(await oracle.expect(list.kind, id, person))) problems.push(`${who}: ${list.at} shows ${list.kind} ${id} the rules refuse`);
            }
            // a plain list (`tasks.*.id`) holds every readable item it covers: the list and the item agree
            if (/^\w+\.\*\.id$/.test(list.at)) {
              const covered = world.fixtures.filter((f) => f.kind === list.kind && (c.fixture ? f.parent === c.fixture.id : true));
              for (const f of covered) {
                if ((await oracle.expect(list.kind, f.id, person)) && !ids.includes(f.id)) problems.push(`${who}: ${list.at} lacks readable ${f.label}`);
              }
            }
          }
          for (const kind of decl.mentions ?? []) {
            for (const f of world.fixtures.filter((x) => x.kind === kind && x.marker)) {
              if (res.body.includes(f.marker!) && !(await oracle.expect(kind, f.id, person))) problems.push(`${who}: names ${f.label} (${f.marker}) the rules refuse`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // every item route was seen both letting someone in and refusing someone
    for (const route of routes.filter((r) => resourceReads(r)!.item)) {
      expect(outcomes.get(route.url), route.url).toMatchObject({ allowed: expect.any(Number), refused: expect.any(Number) });
      expect(outcomes.get(route.url)!.allowed, `${route.url} allowed nobody`).toBeGreaterThan(0);
      expect(outcomes.get(route.url)!.refused, `${route.url} refused nobody`).toBeGreaterThan(0);
    }
    // and the world exercised every grant of every rule, and a refusal of each
    for (const [kind, policy] of Object.entries(READ_POLICIES) as Array<[ResourceKind, { grants: readonly { why: string }[] }]>) {
      policy.grants.forEach((g, i) => expect(oracle.used.get(`${kind}:${i}`), `${kind} grant “${g.why}” never decided a case`).toBeGreaterThan(0));
      expect(oracle.used.get(`${kind}:refused`), `${kind} never refused`).toBeGreaterThan(0);
    }
  });
});
