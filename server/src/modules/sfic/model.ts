import type { SfiComponent } from '@railjoint/contracts';
import type { SurveyItemDef } from './items.js';

/**
 * The survey's arithmetic without I/O. Anonymity within an agency holds only if no one's answers
 * can be told from the results: a group's means are shown from three responses on, as staff
 * surveys do; below that only the count is.
 */
export const MIN_RESPONSES = 3;

export type Answers = Record<string, number>;

export interface Mean {
  n: number;
  mean: number | null;
}

const mean2 = (xs: number[]): number | null => (xs.length ? Math.round((100 * xs.reduce((a, x) => a + x, 0)) / xs.length) / 100 : null);

/** Per item and per component (the mean of its items' answers), or null below the threshold. */
export function summarise(items: readonly SurveyItemDef[], responses: readonly Answers[], min = MIN_RESPONSES): { n: number; items: Array<{ itemId: string } & Mean> | null; components: Array<{ component: SfiComponent } & Mean> | null } {
  const n = responses.length;
  if (n < min) return { n, items: null, components: null };
  const byItem = items.map((i) => ({ itemId: i.id, n, mean: mean2(responses.map((r) => r[i.id]).filter((x): x is number => typeof x === 'number')) }));
  const components = [...new Set(items.map((i) => i.component))].map((c) => {
    const ids = items.filter((i) => i.component === c).map((i) => i.id);
    return { component: c, n, mean: mean2(responses.flatMap((r) => ids.map((id) => r[id]).filter((x): x is number => typeof x === 'number'))) };
  });
  return { n, items: byItem, components };
}

/** What is wrong with a set of answers: every item answered once, nothing else. */
export function answerProblems(items: readonly SurveyItemDef[], answers: Answers): Array<{ field: string; zh: string; en: string }> {
  const known = new Set(items.map((i) => i.id));
  const out: Array<{ field: string; zh: string; en: string }> = [];
  for (const i of items) if (answers[i.id] === undefined) out.push({ field: `body.answers.${i.id}`, zh: '此项未作答', en: 'not answered' });
  for (const k of Object.keys(answers)) if (!known.has(k)) out.push({ field: `body.answers.${k}`, zh: '问卷中没有此项', en: 'not an item of the survey' });
  return out;
}

/** The running quarter and the ones before it, Beijing time. */
export function quarterAt(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export function quartersBefore(quarter: string, n: number): string[] {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const index = Number(m[1]) * 4 + Number(m[2]) - 1;
  const out: string[] = [];
  for (let i = n; i >= 1; i--) out.push(`${Math.floor((index - i) / 4)}Q${((index - i) % 4) + 1}`);
  return out;
}

/** The months ending with the one given (`2026-11`), oldest first. */
export function monthsEnding(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}
