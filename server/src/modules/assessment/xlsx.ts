import type { AssessmentResult } from '@railjoint/contracts';
import type { Lang } from '../../platform/http/errors.js';
import { writeXlsx, type Cell, type Sheet } from '../hazards/xlsx.js';

/** The period's assessment as a workbook: the ranking, then each agency's items the reader may see with their explanations. */
export function assessmentXlsx(r: AssessmentResult, lang: Lang): Uint8Array {
  const en = lang === 'en';
  const ranking: Sheet = {
    name: en ? 'Ranking' : '排名',
    widths: [8, 30, 10, ...r.agencies[0]?.trend.map(() => 10) ?? []],
    rows: [
      [en ? 'Rank' : '名次', en ? 'Agency' : '单位', en ? `Total ${r.period}` : `${r.period} 总分`, ...(r.agencies[0]?.trend.map((t) => t.period) ?? [])],
      ...r.agencies.map((a): Cell[] => [a.rank, a.agencyName, a.total, ...a.trend.map((t) => t.total)]),
    ],
  };
  const items: Sheet = {
    name: en ? 'Items' : '指标得分',
    widths: [30, 24, 10, 10, 10, 10, 10, 80],
    rows: [
      [en ? 'Agency' : '单位', en ? 'Indicator' : '指标', en ? 'Value' : '实际值', en ? 'Target' : '目标', en ? 'Weight' : '权重', en ? 'Score' : '得分', en ? 'Points' : '计分', en ? 'Explanation' : '说明'],
      ...r.agencies.flatMap((a) => (a.items ?? []).map((x): Cell[] => [a.agencyName, x.indicatorName, x.value, x.target, x.weight, x.score, x.points, x.explanation])),
    ],
  };
  return writeXlsx([ranking, items]);
}
