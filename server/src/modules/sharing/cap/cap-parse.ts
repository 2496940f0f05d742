import { XMLParser } from 'fast-xml-parser';

export interface CapArea {
  areaDesc: string;
  polygons: string[];
  circles: string[];
}

export interface CapInfo {
  language: string;
  categories: string[];
  event: string;
  urgency: string;
  severity: string;
  certainty: string;
  effective: string | null;
  onset: string | null;
  expires: string | null;
  senderName: string | null;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  areas: CapArea[];
}

/** The parts of a CAP 1.2 alert the platform uses; empty elements come through as "". */
export interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  source: string | null;
  scope: string;
  restriction: string | null;
  addresses: string | null;
  references: string | null;
  infos: CapInfo[];
}

const ARRAYS = new Set(['alert.info', 'alert.info.category', 'alert.info.area', 'alert.info.area.polygon', 'alert.info.area.circle', 'alert.info.responseType', 'alert.code']);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  // the document was checked for DOCTYPE first: only the five predefined entities remain
  processEntities: true,
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
});

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && '#text' in v) return String((v as Record<string, unknown>)['#text']);
  return typeof v === 'object' ? '' : String(v);
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => text(x) ?? '') : [];
}

/** Parses a document that already passed the schema: the shape is known to be right. */
export function parseCap(xml: string): CapAlert {
  const doc = parser.parse(xml) as { alert: Record<string, unknown> };
  const a = doc.alert;
  const infos = (Array.isArray(a.info) ? a.info : []) as Array<Record<string, unknown>>;
  return {
    identifier: text(a.identifier) ?? '',
    sender: text(a.sender) ?? '',
    sent: text(a.sent) ?? '',
    status: text(a.status) ?? '',
    msgType: text(a.msgType) ?? '',
    source: text(a.source),
    scope: text(a.scope) ?? '',
    restriction: text(a.restriction),
    addresses: text(a.addresses),
    references: text(a.references),
    infos: infos.map((i) => ({
      language: text(i.language) ?? 'en-US',
      categories: list(i.category),
      event: text(i.event) ?? '',
      urgency: text(i.urgency) ?? 'Unknown',
      severity: text(i.severity) ?? 'Unknown',
      certainty: text(i.certainty) ?? 'Unknown',
      effective: text(i.effective),
      onset: text(i.onset),
      expires: text(i.expires),
      senderName: text(i.senderName),
      headline: text(i.headline),
      description: text(i.description),
      instruction: text(i.instruction),
      areas: ((Array.isArray(i.area) ? i.area : []) as Array<Record<string, unknown>>).map((ar) => ({ areaDesc: text(ar.areaDesc) ?? '', polygons: list(ar.polygon), circles: list(ar.circle) })),
    })),
  };
}
