import type { core } from 'zod';

const KIND_ZH: Record<string, string> = { string: '文本', number: '数字', int: '整数', boolean: '是或否', array: '列表', object: '对象', date: '日期', bigint: '整数' };

/**
 * What is wrong with a field, in Chinese, from zod's issue code and figures. zod words its issues
 * in English only; a Chinese console shows these instead (the field's path stays in `field`).
 */
export function issueZh(issue: core.$ZodIssue): string {
  const i = issue as core.$ZodIssue & { input?: unknown; expected?: string; origin?: string; minimum?: number | bigint; maximum?: number | bigint; keys?: string[] };
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined ? '必填' : `类型不对，应为${KIND_ZH[i.expected ?? ''] ?? i.expected ?? ''}`;
    case 'too_small':
      if (i.origin === 'string') return `至少 ${String(i.minimum)} 个字`;
      if (i.origin === 'array' || i.origin === 'set') return `至少 ${String(i.minimum)} 项`;
      return `不能小于 ${String(i.minimum)}`;
    case 'too_big':
      if (i.origin === 'string') return `最多 ${String(i.maximum)} 个字`;
      if (i.origin === 'array' || i.origin === 'set') return `最多 ${String(i.maximum)} 项`;
      return `不能大于 ${String(i.maximum)}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return '不是可选的值';
    case 'unrecognized_keys':
      return `不认识的字段：${(i.keys ?? []).join('、')}`;
    case 'not_multiple_of':
      return '数值不符合步长';
    case 'custom': {
      // a contract's own rule words itself; one that gave a Chinese text in `params.zh` is shown so
      const zh = (i as { params?: { zh?: unknown } }).params?.zh;
      return typeof zh === 'string' ? zh : i.message;
    }
    default:
      return '输入不正确';
  }
}
