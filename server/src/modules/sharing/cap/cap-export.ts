import type { BulletinKind, Classification } from '@railjoint/contracts';
import { capTime } from './cap-time.js';

export interface CapSource {
  code: string;
  kind: BulletinKind;
  title: string;
  body: string;
  instruction: string | null;
  classification: Classification;
  status: 'published' | 'withdrawn';
  senderAgencyId: string;
  senderAgencyName: string;
  createdAt: string;
  validFrom: string;
  validUntil: string;
  updatedAt: string;
  urgency: string;
  severity: string;
  certainty: string;
  recipients: string[];
  areaDescriptions: string[];
  /** the domain the sender addresses are under, e.g. lz.railjoint */
  senderDomain: string;
}

const EVENT: Record<BulletinKind, string> = {
  wanted: '通缉',
  bolo: '布控查缉',
  risk_warning: '风险预警',
  security_notice: '安全提示',
  case_clue: '案件线索',
};

// CAP categories: people wanted or looked for are a security matter; risk warnings are safety.
const CATEGORY: Record<BulletinKind, string> = {
  wanted: 'Security',
  bolo: 'Security',
  risk_warning: 'Safety',
  security_notice: 'Security',
  case_clue: 'Security',
};

function esc(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function el(name: string, value: string | null | undefined, indent: string): string {
  return value === null || value === undefined || value === '' ? '' : `${indent}<${name}>${esc(value)}</${name}>\n`;
}

export function capIdentifier(code: string): string {
  return `railjoint-${code}`;
}

export function capSender(agencyId: string, domain: string): string {
  return `${agencyId}@${domain}`;
}

/**
 * A bulletin as an OASIS CAP 1.2 alert. Public bulletins are Public; internal and restricted ones
 * are Restricted with the rule in <restriction>; secret ones are Private, addressed to the
 * receiving agencies. A withdrawn bulletin is a Cancel that references the original alert.
 */
export function bulletinToCap(b: CapSource): string {
  const sender = capSender(b.senderAgencyId, b.senderDomain);
  const identifier = capIdentifier(b.code);
  const sent = capTime(b.status === 'withdrawn' ? b.updatedAt : b.createdAt);
  const scope = b.classification === 'public' ? 'Public' : b.classification === 'secret' ? 'Private' : 'Restricted';
  const i = '  ';
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\n';
  xml += el('identifier', b.status === 'withdrawn' ? `${identifier}-cancel` : identifier, i);
  xml += el('sender', sender, i);
  xml += el('sent', sent, i);
  xml += el('status', 'Actual', i);
  xml += el('msgType', b.status === 'withdrawn' ? 'Cancel' : 'Alert', i);
  xml += el('source', b.senderAgencyName, i);
  xml += el('scope', scope, i);
  if (scope === 'Restricted') xml += el('restriction', b.classification === 'internal' ? '内部：仅限收件单位工作人员' : '限制分发：仅限收件单位及数据共享协议范围内人员，不得转发', i);
  if (scope === 'Private') xml += el('addresses', b.recipients.map((r) => capSender(r, b.senderDomain)).join(' '), i);
  if (b.status === 'withdrawn') xml += el('references', `${sender},${identifier},${capTime(b.createdAt)}`, i);
  xml += `${i}<info>\n`;
  const j = '    ';
  xml += el('language', 'zh-CN', j);
  xml += el('category', CATEGORY[b.kind], j);
  xml += el('event', EVENT[b.kind], j);
  xml += el('urgency', b.urgency, j);
  xml += el('severity', b.severity, j);
  xml += el('certainty', b.certainty, j);
  xml += el('effective', capTime(b.validFrom), j);
  xml += el('expires', capTime(b.validUntil), j);
  xml += el('senderName', b.senderAgencyName, j);
  xml += el('headline', b.title, j);
  xml += el('description', b.body, j);
  xml += el('instruction', b.instruction, j);
  xml += `${j}<area>\n`;
  xml += el('areaDesc', b.areaDescriptions.length ? b.areaDescriptions.join('；') : `${b.senderAgencyName}管内`, '      ');
  xml += `${j}</area>\n`;
  xml += `${i}</info>\n</alert>\n`;
  return xml;
}
