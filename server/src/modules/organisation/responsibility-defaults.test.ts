import { describe, expect, it } from 'vitest';
import { Category, PLACE_KINDS, ResponsibilityRule } from '@railjoint/contracts';
import { DEFAULT_RULES } from './responsibility-defaults.js';
import { DEFAULT_CATEGORIES } from './taxonomy.js';

const rule = (c: string, p: string) => DEFAULT_RULES.find((r) => r.categoryId === c && r.placeKind === p)!;

describe('taxonomy', () => {
  it('has at least 30 valid categories with unique snake_case ids and toneless pinyin', () => {
    expect(DEFAULT_CATEGORIES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(DEFAULT_CATEGORIES.map((c) => c.id)).size).toBe(DEFAULT_CATEGORIES.length);
    for (const c of DEFAULT_CATEGORIES) {
      expect(() => Category.parse(c)).not.toThrow();
      expect(c.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(c.pinyin).toMatch(/^[a-z]+( [a-z]+)*$/);
      expect(c.nameZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it('includes the categories the practice names', () => {
    const ids = DEFAULT_CATEGORIES.map((c) => c.id);
    for (const id of ['track_intrusion', 'stone_throwing', 'cable_theft', 'overhead_foreign_matter', 'illegal_construction', 'drone_intrusion', 'person_hit_by_train']) {
      expect(ids).toContain(id);
    }
    expect(DEFAULT_CATEGORIES.find((c) => c.id === 'stone_throwing')?.pinyin).toBe('ji da lie che');
  });
});

describe('default responsibility matrix', () => {
  it('has exactly one valid rule for every category × place kind', () => {
    expect(DEFAULT_RULES).toHaveLength(DEFAULT_CATEGORIES.length * PLACE_KINDS.length);
    for (const c of DEFAULT_CATEGORIES) {
      for (const p of PLACE_KINDS) {
        const matches = DEFAULT_RULES.filter((r) => r.categoryId === c.id && r.placeKind === p);
        expect(matches, `${c.id} @ ${p}`).toHaveLength(1);
        expect(() => ResponsibilityRule.parse(matches[0])).not.toThrow();
        const r = matches[0]!;
        expect(r.support).not.toContain(r.lead);
        if (c.basePriority === 'P1' || c.basePriority === 'P2') expect(r.inform).toContain('coordination_centre');
      }
    }
  });
  it('follows territorial management', () => {
    expect(rule('track_intrusion', 'station').lead).toBe('railway_police_station');
    expect(rule('track_intrusion', 'line_enclosure').lead).toBe('railway_police_station');
    expect(rule('assault', 'train').lead).toBe('train_police_team');
    expect(rule('assault', 'outside').lead).toBe('county_police_bureau');
  });
  it('has the protection-zone overrides', () => {
    const build = rule('illegal_construction', 'protection_zone');
    expect(build.lead).toBe('township');
    expect(build.support).toEqual(expect.arrayContaining(['railway_police_station', 'track_maintenance_section']));
    const stones = rule('stone_throwing', 'outside');
    expect(stones.lead).toBe('county_police_bureau');
    expect(stones.support).toContain('railway_police_station');
    const wire = rule('overhead_foreign_matter', 'line_enclosure');
    expect(wire.lead).toBe('power_supply_section');
    expect(wire.support).toContain('railway_police_station');
  });
  it('gives P1 a shorter time limit than P3', () => {
    expect(rule('track_intrusion', 'line_enclosure').timeLimitS).toBeLessThan(rule('fraud', 'station').timeLimitS);
  });
});
