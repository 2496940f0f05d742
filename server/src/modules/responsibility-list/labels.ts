import type { AgencyType, PlaceKind, ResponsibilityListVersion } from '@railjoint/contracts';
import { DEPARTMENT_TIME_ZONE } from '../../platform/clock.js';
import { typeLabel } from '../organisation/reasons-i18n.js';

/** The words both exports print: the list is a Chinese document, as the department files it. */
export const PLACE_ZH: Record<PlaceKind, string> = { station: '车站内', train: '列车上', line_enclosure: '线路封闭区域内', protection_zone: '线路安全保护区内', outside: '线路安全保护区外' };

export const typesZh = (types: readonly AgencyType[]) => (types.length ? types.map((t) => typeLabel(t, 'zh-CN')).join('、') : '—');

export const beijing = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: DEPARTMENT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

export const versionLine = (v: ResponsibilityListVersion) => `第 ${v.number ?? '—'} 版 · ${v.approvedBy ? `${v.approvedBy} 于 ${beijing(v.approvedAt!)} 批准` : '草稿'} · 拟定：${v.draftedBy}（${beijing(v.draftedAt)}）`;
