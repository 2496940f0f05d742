import { describe, expect, it } from 'vitest';
import type { Agency, Category, ResponsibilityRule } from '@railjoint/contracts';
import { diffRows, limitText, listRows, namedAgencies, sameContent } from './model.js';
import { defaultLegalBasis } from './legal-basis.js';

const cat = (id: string, group: string): Category => ({ id, nameZh: id, nameEn: id, pinyin: '', group, basePriority: 'P2' });
const rule = (categoryId: string, placeKind: ResponsibilityRule['placeKind'], lead: ResponsibilityRule['lead'], support: ResponsibilityRule['support'] = []): ResponsibilityRule => ({ categoryId, placeKind, lead, support, inform: [], timeLimitS: 900 });

describe('the power-and-responsibility list', () => {
  const categories = [cat('stone_throwing', 'attack_on_train'), cat('new_kind', 'no_such_group')];
  const rules = [rule('stone_throwing', 'outside', 'county_police_bureau', ['railway_police_station', 'township']), rule('stone_throwing', 'station', 'railway_police_station'), rule('new_kind', 'train', 'train_police_team')];

  it('lists the matrix in taxonomy and place order, leaves out cells it lacks, and gives each category its basis', () => {
    const rows = listRows(categories, rules, new Map([['new_kind', '《某条例》']]));
    expect(rows.map((r) => `${r.categoryId}/${r.placeKind}`)).toEqual(['stone_throwing/station', 'stone_throwing/outside', 'new_kind/train']);
    expect(rows[0]!.legalBasis).toBe(defaultLegalBasis(categories[0]!));
    expect(rows[0]!.legalBasis).toContain('《中华人民共和国铁路法》第四十三条');
    expect(rows[2]!.legalBasis).toBe('《某条例》');
    // a category of a group nobody wrote a basis for still gets the division of police work
    expect(defaultLegalBasis(categories[1]!)).toContain('铁路法');
  });

  it('orders categories by their group as the taxonomy lists them, then by id', () => {
    const cats = [cat('zz_unknown', 'no_such_group'), cat('stone_throwing', 'attack_on_train'), cat('track_intrusion', 'line_safety'), cat('child_on_line', 'line_safety')];
    const rows = listRows(cats, cats.map((c) => rule(c.id, 'outside', 'county_police_bureau')), new Map());
    expect(rows.map((r) => r.categoryId)).toEqual(['child_on_line', 'track_intrusion', 'stone_throwing', 'zz_unknown']);
  });

  it('names the department’s agencies of every type the list uses, not the platform’s', () => {
    const rows = listRows(categories, rules, new Map());
    const agencies: Agency[] = [
      { id: 'cb-b', name: '乙县公安局', type: 'county_police_bureau' },
      { id: 'cb-a', name: '甲县公安局', type: 'county_police_bureau' },
      { id: 'platform', name: '平台', type: 'coordination_centre' },
      { id: 'rs-1', name: '某站', type: 'railway_station' },
    ];
    const named = namedAgencies(rows, agencies, (id) => id === 'platform');
    expect(named.map((t) => t.type)).toEqual(['county_police_bureau', 'railway_police_station', 'township', 'train_police_team']);
    expect(named[0]!.agencies.map((a) => a.name)).toEqual(['甲县公安局', '乙县公安局']);
    expect(named.find((t) => t.type === 'township')!.agencies).toEqual([]);
  });

  it('compares versions row by row: added, removed, and changed with the fields that did', () => {
    const v1 = listRows(categories, rules, new Map());
    const rules2 = [rule('stone_throwing', 'outside', 'county_police_bureau', ['township', 'railway_police_station']), rule('stone_throwing', 'station', 'railway_station'), rule('stone_throwing', 'train', 'train_police_team')];
    const v2 = listRows(categories, rules2, new Map([['stone_throwing', '《新依据》']]));
    const d = diffRows({ number: 1, rows: v1 }, { number: 2, rows: v2 });
    expect(d.added.map((r) => `${r.categoryId}/${r.placeKind}`)).toEqual(['stone_throwing/train']);
    expect(d.removed.map((r) => `${r.categoryId}/${r.placeKind}`)).toEqual(['new_kind/train']);
    // the reordered supporters are no change; the new lead and the new basis are
    expect(d.changed.map((c) => [c.after.placeKind, c.fields])).toEqual([
      ['station', ['lead', 'legalBasis']],
      ['outside', ['legalBasis']],
    ]);
    expect(diffRows({ number: 1, rows: v1 }, { number: 1, rows: v1 })).toMatchObject({ added: [], removed: [], changed: [] });
  });

  it('sees a draft as stale when its rows or agencies differ from the matrix now', () => {
    const rows = listRows(categories, rules, new Map());
    expect(sameContent({ rows, agencies: [] }, { rows: listRows(categories, rules, new Map()), agencies: [] })).toBe(true);
    expect(sameContent({ rows, agencies: [] }, { rows: listRows(categories, rules.slice(1), new Map()), agencies: [] })).toBe(false);
    expect(sameContent({ rows, agencies: [] }, { rows, agencies: [{ type: 'township', agencies: [] }] })).toBe(false);
  });

  it('says time limits as people do', () => {
    expect([300, 3600, 3 * 86_400, 90].map((s) => limitText(s, 'zh-CN'))).toEqual(['5分钟', '1小时', '3天', '2分钟']);
    expect(limitText(900, 'en')).toBe('15 min');
  });
});
