import type { Texts } from '../../app/i18n/texts';

/** zh-CN is the reference; English must give the same keys (checked by the type). */
export const zhCN = {
  'messages.heading': '单位间消息',
  'messages.commandChannel': '指挥部',
  'messages.placeholder': '发给参与处置的各单位（Ctrl+Enter 发送）',
  'messages.channel': '发送范围',
  'messages.toAll': '所有参与单位',
  'messages.toCommand': '仅联合指挥部成员',
  'messages.send': '发送',
  'messages.attach': '附件',
} as const satisfies Record<string, string>;

export const en: Texts<typeof zhCN> = {
  'messages.heading': 'Messages between agencies',
  'messages.commandChannel': 'command',
  'messages.placeholder': 'To every agency on the incident (Ctrl+Enter sends)',
  'messages.channel': 'Send to',
  'messages.toAll': 'every agency on it',
  'messages.toCommand': 'joint command members only',
  'messages.send': 'Send',
  'messages.attach': 'Attach',
};
