import type { IndicatorDef } from '@railjoint/contracts';
import type { Indicator } from './source.js';
import { RECEPTION } from './reception.js';
import { TRANSFERS } from './transfers.js';
import { BULLETINS } from './bulletins.js';
import { TASKS } from './tasks.js';
import { COMMANDS } from './commands.js';
import { PATROLS } from './patrols.js';
import { HAZARDS } from './hazards.js';
import { PUBLIC_REPORTS } from './public-reports.js';
import { DEVICES } from './devices.js';
import { PARTICIPATION } from './participation.js';

/** Every indicator, once, in the order the table shows them. */
export const INDICATORS: readonly Indicator[] = [...RECEPTION, ...TRANSFERS, ...BULLETINS, ...TASKS, ...COMMANDS, ...PATROLS, ...HAZARDS, ...PUBLIC_REPORTS, ...DEVICES, ...PARTICIPATION];

export function findIndicator(id: string): Indicator | undefined {
  return INDICATORS.find((i) => i.id === id);
}

export function describe(i: Indicator, lang: 'zh-CN' | 'en'): IndicatorDef {
  const { name, formula, aggregate: _a, kind: _k, rows: _r, ...rest } = i;
  return { ...rest, name: lang === 'en' ? name.en : name.zh, formula: lang === 'en' ? formula.en : formula.zh };
}
