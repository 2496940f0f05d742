import { z } from 'zod';
import { MESSAGE_TYPES } from '../../platform/federation/names.js';

/**
 * What nodes send each other. Every message is checked on arrival like a request: another node is
 * another system, and a malformed message is refused (acknowledged and dropped with a log line)
 * rather than half imported. No personal data travels: incidents go as summaries.
 */
const Code = z.string().regex(/^[a-z][a-z0-9_-]{0,15}$/);
const Text = (max: number) => z.string().max(max);
const Time = z.string().datetime({ offset: true });
const AgencyId = z.string().min(1).max(64);

export const DirectoryAgency = z.object({ id: AgencyId, name: Text(200), type: Text(60) });
export const NodeInfo = z.object({ code: Code, name: Text(60), role: z.enum(['bureau', 'department']), agencies: z.array(DirectoryAgency).max(20_000) });
export type NodeInfo = z.infer<typeof NodeInfo>;

export const DirectoryBody = z.object({ nodes: z.array(NodeInfo).max(200) });

export const IncidentSummary = z.object({
  id: AgencyId,
  code: Text(40),
  categoryId: Text(64),
  categoryName: Text(100),
  channel: Text(40),
  status: Text(30),
  priority: Text(10),
  responseLevel: Text(10).nullable(),
  lineId: Text(64).nullable(),
  lineName: Text(100).nullable(),
  mileage: Text(40).nullable(),
  stationName: Text(100).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  leadAgencyId: Text(64).nullable(),
  leadAgencyName: Text(200).nullable(),
  occurredAt: Time,
  receivedAt: Time,
  dispatchedAt: Time.nullable(),
  onSceneAt: Time.nullable(),
  clearedAt: Time.nullable(),
  closedAt: Time.nullable(),
  version: z.number().int().min(0),
  updatedAt: Time,
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const IndicatorRow = z.object({ dims: z.record(z.string().max(40), z.string().max(100)), value: z.number().finite() });
export const IndicatorsBody = z.object({
  day: z.string().regex(/^\d{8}$/),
  computedAt: Time,
  indicators: z.array(z.object({ name: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/), unit: Text(20), rows: z.array(IndicatorRow).max(5000) })).max(100),
});
export type IndicatorsBody = z.infer<typeof IndicatorsBody>;

export const Target = z.object({ node: Code, agencies: z.array(AgencyId).max(500) });
export type Target = z.infer<typeof Target>;

export const BulletinBody = z.object({
  id: AgencyId,
  code: Text(40),
  kind: z.enum(['wanted', 'bolo', 'risk_warning', 'security_notice', 'case_clue']),
  title: Text(200),
  body: Text(20_000),
  instruction: Text(2000).nullable(),
  /** only these cross nodes: restricted and secret ones need an agreement no node can see across */
  classification: z.enum(['public', 'internal']),
  status: z.enum(['published', 'withdrawn']),
  urgency: Text(20),
  severity: Text(20),
  certainty: Text(20),
  createdAt: Time,
  validFrom: Time,
  validUntil: Time,
  sender: z.object({ agencyId: AgencyId, agencyName: Text(200), authorName: Text(100) }),
  targets: z.array(Target).min(1).max(100),
});
export type BulletinBody = z.infer<typeof BulletinBody>;

export const ReceiptBody = z.object({
  bulletinId: AgencyId,
  origin: Code,
  agencyId: AgencyId,
  agencyName: Text(200),
  acknowledgedAt: Time,
  acknowledgedByName: Text(100),
});
export type ReceiptBody = z.infer<typeof ReceiptBody>;

const BODIES = {
  node: NodeInfo,
  directory: DirectoryBody,
  incident: IncidentSummary,
  indicators: IndicatorsBody,
  bulletin: BulletinBody,
  receipt: ReceiptBody,
} as const;

export const Envelope = z.object({
  v: z.literal(1),
  id: z.string().min(1).max(200),
  type: z.enum(MESSAGE_TYPES),
  from: Code,
  to: Code,
  at: Time,
  body: z.unknown(),
});

export type Message =
  | { type: 'node'; body: NodeInfo }
  | { type: 'directory'; body: z.infer<typeof DirectoryBody> }
  | { type: 'incident'; body: IncidentSummary }
  | { type: 'indicators'; body: IndicatorsBody }
  | { type: 'bulletin'; body: BulletinBody }
  | { type: 'receipt'; body: ReceiptBody };

export type EnvelopeOf<M extends Message = Message> = { v: 1; id: string; from: string; to: string; at: string } & M;

/** The message, checked, or the reason it is refused. */
export function readEnvelope(value: unknown): { ok: true; message: EnvelopeOf } | { ok: false; reason: string } {
  const env = Envelope.safeParse(value);
  if (!env.success) return { ok: false, reason: `bad envelope: ${env.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
  const body = BODIES[env.data.type].safeParse(env.data.body);
  if (!body.success) return { ok: false, reason: `bad ${env.data.type}: ${body.error.issues.slice(0, 5).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
  return { ok: true, message: { ...env.data, body: body.data } as EnvelopeOf };
}
