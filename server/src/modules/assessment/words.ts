import type { SchemeItem } from '@railjoint/contracts';
import type { Lang } from '../../platform/http/errors.js';

/**
 * A score worded for the reader: the measured value with what it was measured on, the rule that
 * turned it into a score, and what it adds to the total — so a score can be argued with.
 */
const UNIT: Record<string, { zh: string; en: string }> = {
  percent: { zh: '%', en: '%' },
  seconds: { zh: ' 秒', en: ' s' },
  minutes: { zh: ' 分钟', en: ' min' },
  hours: { zh: ' 小时', en: ' h' },
  count: { zh: '', en: '' },
  ratio: { zh: '', en: '' },
};

const num = (x: number) => String(Math.round(x * 10) / 10);

export function formatValue(value: number, unit: string, lang: Lang): string {
  const u = UNIT[unit] ?? { zh: ` ${unit}`, en: ` ${unit}` };
  return `${num(value)}${lang === 'en' ? u.en : u.zh}`;
}

export interface Explained {
  item: SchemeItem;
  name: string;
  unit: string;
  value: number | null;
  numerator: number;
  denominator: number;
  score: number | null;
  points: number | null;
  /** the weight after the weights of unmeasured items were shared out */
  effectiveWeight: number | null;
}

export function explainScore(x: Explained, lang: Lang): string {
  const v = (n: number) => formatValue(n, x.unit, lang);
  const basis = x.denominator > 0 ? (x.unit === 'percent' ? `（${num(x.numerator)}/${num(x.denominator)}）` : lang === 'en' ? ` (over ${num(x.denominator)})` : `（${num(x.denominator)} 条记录）`) : '';
  const basisEn = basis.replace('（', ' (').replace('）', ')');
  if (x.value === null || x.score === null) {
    return lang === 'en'
      ? `${x.name}: nothing to measure this period; not scored, its weight ${num(x.item.weight)} is shared among the other items.`
      : `${x.name}：本期无可计量的记录，不计分；其权重 ${num(x.item.weight)} 按比例分给其余指标。`;
  }
  const rule =
    x.item.rule === 'threshold' || x.item.floor === undefined
      ? lang === 'en'
        ? `full score when the target ${v(x.item.target)} is met, none otherwise`
        : `达到目标 ${v(x.item.target)} 得满分，未达到不得分`
      : lang === 'en'
        ? `target ${v(x.item.target)}, floor ${v(x.item.floor)}, scored linearly between`
        : `目标 ${v(x.item.target)}，底线 ${v(x.item.floor)}，其间线性计分`;
  const shared = x.effectiveWeight !== null && Math.abs(x.effectiveWeight - x.item.weight) > 0.05;
  const weight = lang === 'en' ? `weight ${num(x.item.weight)}${shared ? ` (${num(x.effectiveWeight!)} with the unmeasured items' share)` : ''}` : `权重 ${num(x.item.weight)}${shared ? `（含未计量指标分来的权重为 ${num(x.effectiveWeight!)}）` : ''}`;
  return lang === 'en'
    ? `${x.name}: ${v(x.value)}${basisEn}; ${rule}: score ${num(x.score)} × ${weight} / 100 → ${num(x.points ?? 0)} points.`
    : `${x.name}：${v(x.value)}${basis}；${rule}：得分 ${num(x.score)} × ${weight} ÷ 100 → 计 ${num(x.points ?? 0)} 分。`;
}
