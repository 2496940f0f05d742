import type { Texts } from '../../app/i18n/texts';

/** zh-CN is the reference; English must give the same keys (checked by the type). */
export const zhCN = {
  'units.title': '警力状态',
  'units.count': '{n} 个警力',
  'units.lastPosition': '最后定位',
  'units.noPosition': '无定位',
  'units.none': '没有可见的警力',
  'units.crew': '{n} 人',
} as const satisfies Record<string, string>;

export const en: Texts<typeof zhCN> = {
  'units.title': 'Unit status',
  'units.count': '{n} units',
  'units.lastPosition': 'Last position',
  'units.noPosition': 'No position',
  'units.none': 'No units to show',
  'units.crew': 'crew {n}',
};
