import { PLACE_KINDS, type Agency, type AgencyType, type Category, type ResponsibilityListDiff, type ResponsibilityListRow, type ResponsibilityRule } from '@railjoint/contracts';
import { CATEGORY_GROUPS } from '../organisation/taxonomy.js';
import { defaultLegalBasis } from './legal-basis.js';

/**
 * The list's rules, pure: its rows are the matrix by category group (line safety first, as the
 * taxonomy lists them; groups it does not know last), then category, then place kind in
 * PLACE_KINDS order, with each category's legal basis; versions are compared row by row keyed by
 * category and place kind.
 */
export function listRows(categories: readonly Category[], rules: readonly ResponsibilityRule[], basis: ReadonlyMap<string, string>): ResponsibilityListRow[] {
  const rule = new Map(rules.map((r) => [`${r.categoryId}/${r.placeKind}`, r]));
  const out: ResponsibilityListRow[] = [];
  const rank = (g: string) => {
    const i = (CATEGORY_GROUPS as readonly string[]).indexOf(g);
    return i < 0 ? CATEGORY_GROUPS.length : i;
  };
  const ordered = [...categories].sort((a, b) => rank(a.group) - rank(b.group) || a.id.localeCompare(b.id));
  for (const c of ordered) {
    for (const p of PLACE_KINDS) {
      const r = rule.get(`${c.id}/${p}`);
      // a cell the matrix does not hold is not an answer anyone may rely on: it is left out, not guessed
      if (!r) continue;
      out.push({ categoryId: c.id, categoryZh: c.nameZh, categoryEn: c.nameEn, group: c.group, placeKind: p, lead: r.lead, support: [...r.support], inform: [...r.inform], timeLimitS: r.timeLimitS, legalBasis: basis.get(c.id) ?? defaultLegalBasis(c) });
    }
  }
  return out;
}

/** The department's agencies of every type the rows name, by name, the platform's own left out. */
export function namedAgencies(rows: readonly ResponsibilityListRow[], agencies: readonly Agency[], isPlatform: (id: string) => boolean): Array<{ type: AgencyType; agencies: Array<{ id: string; name: string }> }> {
  const types = new Set<AgencyType>();
  for (const r of rows) for (const t of [r.lead, ...r.support, ...r.inform]) types.add(t);
  return [...types]
    .sort()
    .map((type) => ({
      type,
      agencies: agencies
        .filter((a) => a.type === type && !isPlatform(a.id))
        .map((a) => ({ id: a.id, name: a.name }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    }));
}

/** Whether a draft still says what the matrix says now: same rows and same named agencies, in order. */
export function sameContent(a: { rows: unknown; agencies: unknown }, b: { rows: unknown; agencies: unknown }): boolean {
  return JSON.stringify(a.rows) === JSON.stringify(b.rows) && JSON.stringify(a.agencies) === JSON.stringify(b.agencies);
}

type Field = ResponsibilityListDiff['changed'][number]['fields'][number];
const key = (r: ResponsibilityListRow) => `${r.categoryId}/${r.placeKind}`;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** What changed from one version to another: rows added, removed, and changed with the fields that did. */
export function diffRows(from: { number: number; rows: readonly ResponsibilityListRow[] }, to: { number: number; rows: readonly ResponsibilityListRow[] }): ResponsibilityListDiff {
  const before = new Map(from.rows.map((r) => [key(r), r]));
  const after = new Map(to.rows.map((r) => [key(r), r]));
  const changed: ResponsibilityListDiff['changed'] = [];
  for (const [k, b] of before) {
    const a = after.get(k);
    if (!a) continue;
    const fields: Field[] = [];
    if (a.lead !== b.lead) fields.push('lead');
    // the order of supporting agencies carries no meaning in the matrix: a reordering is no change
    if (!sameSet(a.support, b.support)) fields.push('support');
    if (!sameSet(a.inform, b.inform)) fields.push('inform');
    if (a.timeLimitS !== b.timeLimitS) fields.push('timeLimitS');
    if (a.legalBasis !== b.legalBasis) fields.push('legalBasis');
    if (a.categoryZh !== b.categoryZh || a.categoryEn !== b.categoryEn) fields.push('category');
    if (fields.length) changed.push({ before: b, after: a, fields });
  }
  return {
    from: from.number,
    to: to.number,
    added: to.rows.filter((r) => !before.has(key(r))),
    removed: from.rows.filter((r) => !after.has(key(r))),
    changed,
  };
}

/** A time limit as people say it: 5分钟, 1小时, 3天. */
export function limitText(s: number, lang: 'zh-CN' | 'en'): string {
  const [n, zh, en] = s % 86_400 === 0 ? [s / 86_400, '天', 'd'] : s % 3600 === 0 ? [s / 3600, '小时', 'h'] : [Math.round(s / 60), '分钟', 'min'];
  return lang === 'en' ? `${n} ${en}` : `${n}${zh}`;
}
