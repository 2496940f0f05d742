import type { Texts } from '../../app/i18n/texts';

/** 协同治理: the strip of tabs its rooms share (issue 14). */
export const zhCN = {
  'nav.governance': '协同治理',
  'governance.tabs': '协同治理',
  'governance.tab.meetings': '联席会议',
} as const;

export const en: Texts<typeof zhCN> = {
  'nav.governance': 'Governance',
  'governance.tabs': 'Collaborative governance',
  'governance.tab.meetings': 'Joint meetings',
};
