import type { TrainRequestKind } from '@railjoint/contracts';

export interface RequestWords {
  kind: TrainRequestKind;
  trains: string[];
  speedKmh: number | null;
  lineName: string;
  mileage: string;
  incidentCode: string;
  category: string;
  note: string | null;
}

/**
 * The task order's title and text, in the language of whoever asks: the railway station's officer
 * reads them as written, and a task's words are stored once. Names (line, category, trains) are data.
 */
export function requestWording(w: RequestWords, lang: 'zh-CN' | 'en'): { title: string; detail: string } {
  const trains = w.trains.join(lang === 'en' ? ', ' : '、');
  if (lang === 'en') {
    const what = w.kind === 'stop' ? 'Stop request' : `Speed restriction request (${w.speedKmh} km/h)`;
    const ask = w.kind === 'stop' ? 'have these trains stopped before' : `have these trains pass at no more than ${w.speedKmh} km/h at`;
    return {
      title: `${what}: train(s) ${trains} at ${w.lineName} ${w.mileage}`,
      detail: `Incident ${w.incidentCode} (${w.category}) at ${w.lineName} ${w.mileage}. Please ask the train dispatcher to ${ask} ${w.lineName} ${w.mileage}: train(s) ${trains}. Reply with acknowledge, then complete, saying what the dispatcher did.${w.note ? ` Note: ${w.note}` : ''}`,
    };
  }
  const what = w.kind === 'stop' ? '停车请求' : `限速请求（${w.speedKmh} km/h）`;
  const ask = w.kind === 'stop' ? `在 ${w.lineName} ${w.mileage} 前停车` : `通过 ${w.lineName} ${w.mileage} 时限速 ${w.speedKmh} km/h`;
  return {
    title: `${what}：${trains} 次，${w.lineName} ${w.mileage}`,
    detail: `警情 ${w.incidentCode}（${w.category}）发生在 ${w.lineName} ${w.mileage}。请联系列车调度员，令 ${trains} 次列车${ask}。请先签收，调度处置后办结并写明处置情况。${w.note ? `备注：${w.note}` : ''}`,
  };
}
