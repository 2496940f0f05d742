import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGENCY_TYPES, PLACE_KINDS, PRIORITIES, ResolveResult, type Category, type ResponsibilityRule } from '@railjoint/contracts';
import { OrgIndex } from './org-index.js';
import { resolveLocation, type ResolveContext, type ResolveInput } from './resolver.js';
import { defaultRule, DEFAULT_RULES } from './responsibility-defaults.js';
import { CATEGORY_GROUPS, DEFAULT_CATEGORIES } from './taxonomy.js';
import { at, fakeNetwork, km, orgDoc } from './test-fixtures.js';

/** Any category an administrator could create, including groups and ids the defaults never heard of. */
const category = fc.record({
  id: fc.oneof(fc.constantFrom(...DEFAULT_CATEGORIES.map((c) => c.id)), fc.stringMatching(/^[a-z_]{1,20}$/)),
  nameZh: fc.constant('类别'),
  nameEn: fc.constant('category'),
  pinyin: fc.constant('lei bie'),
  group: fc.oneof(fc.constantFrom(...CATEGORY_GROUPS), fc.string({ maxLength: 10 })),
  basePriority: fc.constantFrom(...PRIORITIES),
});
const place = fc.constantFrom(...PLACE_KINDS);

/** Places along the fake line (K100–K160) and off it, on the track, beside it and far away. */
const input = fc.record(
  {
    where: fc.oneof(
      fc.record({ metres: fc.integer({ min: km(95), max: km(165) }), offsetM: fc.oneof(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -3000, max: 3000 })) }).map(({ metres, offsetM }) => {
        const [lon, lat] = at(metres, offsetM);
        return { lon, lat } as ResolveInput;
      }),
      fc.constantFrom<ResolveInput>({ stationId: 'S1' }, { stationId: 'S2' }, { lineId: 'L1', mileage: 'K128+000' }, { lineId: 'L1', mileage: 'K151+500' }),
    ),
    trainNo: fc.option(fc.constantFrom('G1234', 'D8501', 'K9999'), { nil: undefined }),
    categoryId: fc.constantFrom(...DEFAULT_CATEGORIES.map((c) => c.id)),
    lang: fc.constantFrom('zh-CN' as const, 'en' as const),
  },
  { requiredKeys: ['where', 'categoryId', 'lang'] },
).map(({ where, ...rest }): ResolveInput => ({ ...where, ...rest }));

const ctx = (): ResolveContext => ({ network: fakeNetwork, org: new OrgIndex(orgDoc()), categories: DEFAULT_CATEGORIES, rules: DEFAULT_RULES });
const ids = (refs: Array<{ agencyId: string }>) => refs.map((r) => r.agencyId);

describe('responsibility rules, by property', () => {
  it('give every category at every place one lead type, never also supporting or told, and a time limit', () => {
    fc.assert(
      fc.property(category, place, (c: Category, p) => {
        const rule: ResponsibilityRule = defaultRule(c, p);
        expect(AGENCY_TYPES).toContain(rule.lead);
        expect(rule.support).not.toContain(rule.lead);
        expect(rule.inform).not.toContain(rule.lead);
        expect(rule.support.filter((t) => rule.inform.includes(t))).toEqual([]);
        expect(new Set(rule.support).size).toBe(rule.support.length);
        expect(rule.timeLimitS).toBeGreaterThan(0);
        // the coordination centre hears of every P1 and P2, whoever leads
        if (c.basePriority === 'P1' || c.basePriority === 'P2') expect([rule.lead, ...rule.inform]).toContain('coordination_centre');
      }),
    );
  });

  it('name exactly one lead wherever the place is, who is neither supporting nor told, each agency once', () => {
    const c = ctx();
    fc.assert(
      fc.property(input, (i) => {
        const r = resolveLocation(i, c);
        expect(() => ResolveResult.parse(r)).not.toThrow();
        const resp = r.responsibility!;
        // the demo organisation has a coordination centre, so someone always leads
        expect(resp.lead).not.toBeNull();
        const all = [resp.lead!.agencyId, ...ids(resp.support), ...ids(resp.inform)];
        expect(new Set(all).size).toBe(all.length);
        // who holds the place by the rule's lead type leads, when anyone of that type holds it
        const rule = c.rules.find((x) => x.categoryId === i.categoryId && x.placeKind === r.placeKind)!;
        const holders = r.jurisdiction.filter((j) => j.type === rule.lead).map((j) => j.agencyId);
        if (holders.length) expect(holders).toContain(resp.lead!.agencyId);
      }),
    );
  });

  it('are deterministic: the same question gets the same agencies, whatever the language and however often', () => {
    fc.assert(
      fc.property(input, (i) => {
        const a = resolveLocation(i, ctx());
        const b = resolveLocation(i, ctx());
        expect(b).toEqual(a);
        const other = resolveLocation({ ...i, lang: i.lang === 'en' ? 'zh-CN' : 'en' }, ctx());
        const agencies = (r: typeof a) => [r.placeKind, ids(r.jurisdiction), r.responsibility?.lead?.agencyId, ids(r.responsibility!.support), ids(r.responsibility!.inform), r.responsibility?.timeLimitS];
        expect(agencies(other)).toEqual(agencies(a));
      }),
    );
  });
});
