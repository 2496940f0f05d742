import { describe, expect, it } from 'vitest';
import { SURVEY_ITEMS } from './items.js';
import { answerProblems, monthsEnding, quarterAt, quartersBefore, summarise } from './model.js';

const all = (x: number) => Object.fromEntries(SURVEY_ITEMS.map((i) => [i.id, x]));

describe('the collaboration survey', () => {
  it('hides the means of fewer than three responses, so no one can be told apart', () => {
    expect(summarise(SURVEY_ITEMS, [all(5), all(1)])).toEqual({ n: 2, items: null, components: null });
    const s = summarise(SURVEY_ITEMS, [all(5), all(4), { ...all(3), trust: 1 }]);
    expect(s.n).toBe(3);
    expect(s.items!.find((i) => i.itemId === 'trust')!.mean).toBe(3.33);
    // the collaborative process: dialogue, trust, commitment, understanding over three responses
    expect(s.components!.find((c) => c.component === 'collaborative_process')!.mean).toBe(Math.round((100 * (4 * 5 + 4 * 4 + 3 * 3 + 1)) / 12) / 100);
    expect(s.components!.map((c) => c.component)).toEqual(['starting_conditions', 'institutional_design', 'facilitative_leadership', 'collaborative_process', 'outcomes']);
  });

  it('asks every item once and nothing else', () => {
    const { trust: _t, ...missing } = all(3);
    expect(answerProblems(SURVEY_ITEMS, { ...missing, extra: 2 }).map((p) => p.field)).toEqual(['body.answers.trust', 'body.answers.extra']);
    expect(answerProblems(SURVEY_ITEMS, all(4))).toEqual([]);
  });

  it('counts quarters and months in Beijing time', () => {
    expect(quarterAt(Date.parse('2026-12-31T16:30:00Z'))).toBe('2027Q1');
    expect(quartersBefore('2026Q1', 3)).toEqual(['2025Q2', '2025Q3', '2025Q4']);
    expect(monthsEnding('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
});
