import { z } from 'zod';
import { Id, LonLat } from './common.js';
import { Bulletin, CreateBulletinRequest, Distribution } from './sharing.js';

/** A node's code: a NATS subject token, e.g. `lz` for 柳州处, `nnj` for 南宁局. */
export const NodeCode = z.string().regex(/^[a-z][a-z0-9_-]{0,15}$/, 'a node code is lower-case letters, digits, - and _ (at most 16)');

/** As seen from here: sources heard from within seconds, silent, or not looked at yet. */
export const LinkState = z.enum(['connected', 'disconnected', 'unknown']);

export const FederationNode = z.object({
  /** the node's code */
  id: NodeCode,
  name: z.string(),
  role: z.enum(['bureau', 'department']),
  /** named in this node's configuration (otherwise only heard of through the bureau's directory) */
  configured: z.boolean(),
  link: z.object({
    state: LinkState,
    /** messages the link still has to bring over, as far as this side can tell */
    lag: z.number().nullable(),
    /** ms since this side last heard from the other (heartbeats included) */
    silentMs: z.number().nullable(),
    error: z.string().nullable(),
    /** since when the state has been what it is */
    since: z.string().nullable(),
    checkedAt: z.string().nullable(),
  }),
  lastMessageAt: z.string().nullable(),
  lastMessageType: z.string().nullable(),
  messages: z.number(),
  agencies: z.number(),
  incidents: z.object({ total: z.number(), open: z.number() }),
  bulletins: z.number(),
});
export type FederationNode = z.infer<typeof FederationNode>;

export const FederationOverview = z.object({
  self: z.object({
    role: z.enum(['standalone', 'bureau', 'department']),
    code: z.string().nullable(),
    name: z.string().nullable(),
    /** this node's own NATS server answers (null on a node on its own) */
    natsConnected: z.boolean().nullable(),
  }),
  /** the other nodes the reader may watch: a bureau's departments, a department's bureau */
  nodes: z.array(FederationNode),
});

export const FederatedIncident = z.object({
  id: z.string(),
  node: z.string(),
  nodeName: z.string(),
  code: z.string(),
  category: z.string(),
  categoryName: z.string(),
  channel: z.string(),
  status: z.string(),
  priority: z.string(),
  responseLevel: z.string().nullable(),
  location: z.object({ lineId: z.string().nullable(), lineName: z.string().nullable(), mileage: z.string().nullable(), stationName: z.string().nullable(), coordinates: LonLat.nullable() }),
  lead: z.object({ agencyId: z.string(), name: z.string() }).nullable(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  times: z.object({ dispatchedAt: z.string().nullable(), onSceneAt: z.string().nullable(), clearedAt: z.string().nullable(), closedAt: z.string().nullable() }),
  version: z.number(),
  updatedAt: z.string(),
  /** when the summary reached this node */
  importedAt: z.string(),
});
export type FederatedIncident = z.infer<typeof FederatedIncident>;

export const FederatedIncidentList = z.object({ incidents: z.array(FederatedIncident), total: z.number() });

export const FederatedIncidentQuery = z.object({
  node: NodeCode.optional(),
  status: z.string().max(30).optional(),
  /** only those not closed, cancelled or merged */
  open: z.enum(['true', 'false']).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const FederatedReceipt = z.object({
  node: z.string(),
  nodeName: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  acknowledgedAt: z.string(),
  acknowledgedByName: z.string(),
});

export const FederatedBulletin = z.object({
  /** the origin's bulletin id */
  id: z.string(),
  origin: z.string(),
  originName: z.string(),
  code: z.string(),
  kind: z.string(),
  title: z.string(),
  classification: z.string(),
  status: z.string(),
  sender: z.object({ agencyId: z.string(), agencyName: z.string(), authorName: z.string() }),
  createdAt: z.string(),
  validUntil: z.string(),
  targets: z.array(z.object({ node: z.string(), nodeName: z.string(), agencies: z.array(z.object({ id: z.string(), name: z.string() })) })),
  /** the bulletin in this node's own list (the original here, or the copy delivered here); null when it only passed */
  localBulletinId: z.string().nullable(),
  receipts: z.array(FederatedReceipt),
});
export type FederatedBulletin = z.infer<typeof FederatedBulletin>;

export const FederatedBulletinList = z.object({ bulletins: z.array(FederatedBulletin), total: z.number() });

export const FederatedBulletinQuery = z.object({
  /** sent by this node */
  node: NodeCode.optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const IndicatorDay = z.object({
  day: z.string(),
  computedAt: z.string(),
  indicators: z.array(z.object({ name: z.string(), unit: z.string(), rows: z.array(z.object({ dims: z.record(z.string(), z.string()), value: z.number() })) })),
});

export const NodeIndicators = z.object({ node: z.string(), days: z.array(IndicatorDay) });

const Day = z.string().regex(/^\d{8}$/, 'a day is YYYYMMDD (Beijing)');
export const IndicatorQuery = z.object({ from: Day.optional(), to: Day.optional() });

export const FederationDirectory = z.object({
  nodes: z.array(z.object({ code: z.string(), name: z.string(), role: z.enum(['bureau', 'department']), agencies: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })) })),
});

/**
 * A bulletin to agencies of other nodes (and, optionally, of this one). Only public and internal
 * bulletins cross nodes: restricted and secret ones need a data-sharing agreement between the two
 * agencies, which no node can check for an agency of another.
 */
export const SendFederatedBulletinRequest = CreateBulletinRequest.extend({
  distribution: Distribution.default({ agencies: [], areas: [], roles: [] }),
  nodes: z
    .array(z.object({ code: NodeCode, agencies: z.array(Id).max(500).default([]) }).strict())
    .min(1)
    .max(50),
});
export type SendFederatedBulletinRequest = z.infer<typeof SendFederatedBulletinRequest>;

export const SendFederatedBulletinResult = z.object({ bulletin: Bulletin, federated: FederatedBulletin });
