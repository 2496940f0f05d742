import { z } from 'zod';
import { Id } from './common.js';
import { MileageText } from './network.js';

/** What a bulletin is about (通报 kinds). */
export const BULLETIN_KINDS = ['wanted', 'bolo', 'risk_warning', 'security_notice', 'case_clue'] as const;
export const BulletinKind = z.enum(BULLETIN_KINDS);
export type BulletinKind = z.infer<typeof BulletinKind>;

/** Classification (密级), least to most protected; the order matters: agreements allow "up to" a level. */
export const CLASSIFICATIONS = ['public', 'internal', 'restricted', 'secret'] as const;
export const Classification = z.enum(CLASSIFICATIONS);
export type Classification = z.infer<typeof Classification>;

export const SHARED_KINDS = ['bulletin', 'incident', 'attachment'] as const;
export const SharedKind = z.enum(SHARED_KINDS);

/** A stretch of line a bulletin goes to: every agency with jurisdiction along it receives it. */
export const DistributionArea = z.object({ lineId: Id, from: MileageText, to: MileageText }).strict();

export const Distribution = z
  .object({
    agencies: z.array(Id).max(500).default([]),
    areas: z.array(DistributionArea).max(50).default([]),
    /** only users with one of these roles see it (empty: every user of a receiving agency) */
    roles: z.array(z.enum(['dispatcher', 'commander', 'officer', 'liaison', 'analyst', 'volunteer'])).max(6).default([]),
  })
  .strict();
export type Distribution = z.infer<typeof Distribution>;

const CAP_URGENCY = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
const CAP_SEVERITY = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
const CAP_CERTAINTY = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export const CapUrgency = z.enum(CAP_URGENCY);
export const CapSeverity = z.enum(CAP_SEVERITY);
export const CapCertainty = z.enum(CAP_CERTAINTY);

const IsoTime = z.string().datetime({ offset: true });

export const CreateBulletinRequest = z
  .object({
    kind: BulletinKind,
    title: z.string().trim().min(2).max(200),
    body: z.string().trim().min(2).max(20_000),
    classification: Classification,
    distribution: Distribution,
    validFrom: IsoTime.optional(),
    validUntil: IsoTime,
    urgency: CapUrgency.optional(),
    severity: CapSeverity.optional(),
    certainty: CapCertainty.optional(),
    /** what recipients should do, e.g. 发现后立即控制并报告 */
    instruction: z.string().trim().max(2000).optional(),
    /** the incident it is about: the publisher must be able to read it */
    incidentId: z.string().uuid().optional(),
  })
  .strict();
export type CreateBulletinRequest = z.infer<typeof CreateBulletinRequest>;

export const BulletinRecipient = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** who acknowledged, by display name */
  acknowledgedByName: z.string().nullable(),
  /** how many reads by this agency's users */
  reads: z.number(),
  lastReadAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  reminders: z.number(),
});

export const Bulletin = z.object({
  id: z.string(),
  code: z.string(),
  kind: BulletinKind,
  title: z.string(),
  body: z.string(),
  instruction: z.string().nullable(),
  classification: Classification,
  status: z.enum(['published', 'withdrawn']),
  senderAgencyId: z.string(),
  senderAgencyName: z.string(),
  createdBy: z.string(),
  /** the author's display name: what the console shows */
  createdByName: z.string(),
  createdAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  /** still in its validity period and not withdrawn */
  current: z.boolean(),
  urgency: CapUrgency,
  severity: CapSeverity,
  certainty: CapCertainty,
  distribution: Distribution,
  source: z.enum(['local', 'cap', 'federation']),
  capIdentifier: z.string().nullable(),
  /** the incident it is about, when it names one the reader may read */
  incident: z.object({ id: z.string(), code: z.string() }).nullable(),
  /** the reader's agency: a recipient that has (or has not) acknowledged; null when not a recipient */
  myAcknowledgement: z.object({ acknowledgedAt: z.string().nullable() }).nullable(),
  attachments: z.array(z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() })),
});
export type Bulletin = z.infer<typeof Bulletin>;

export const BulletinList = z.object({ bulletins: z.array(Bulletin.omit({ body: true })), total: z.number() });

export const BulletinQuery = z.object({
  kind: BulletinKind.optional(),
  classification: Classification.optional(),
  /** the bulletin number: links and reloads name a bulletin by it */
  code: z.string().trim().min(1).max(40).optional(),
  /** current (default), all, or only those the reader's agency has not acknowledged */
  view: z.enum(['current', 'all', 'unacknowledged']).default('current'),
  /** only the bulletins about this incident */
  incidentId: z.string().uuid().optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const BulletinReceipts = z.object({
  bulletinId: z.string(),
  recipients: z.array(BulletinRecipient),
  acknowledged: z.number(),
  outstanding: z.number(),
});
export type BulletinReceipts = z.infer<typeof BulletinReceipts>;

/** Who may see which of another agency's data: kinds and classifications up to a level (数据共享协议). */
export const SharingAgreement = z
  .object({
    id: Id,
    fromAgencyId: Id,
    toAgencyId: Id,
    kinds: z.array(SharedKind).min(1).max(3),
    maxClassification: Classification,
    validFrom: IsoTime.optional(),
    validUntil: IsoTime.optional(),
    note: z.string().max(500).optional(),
  })
  .strict();
export type SharingAgreement = z.infer<typeof SharingAgreement>;

export const CapImportResult = z.object({
  created: z.boolean(),
  /** what the alert did: a new bulletin, or the withdrawal of one an earlier alert created */
  effect: z.enum(['created', 'duplicate', 'withdrawn']),
  bulletin: Bulletin,
  warnings: z.array(z.string()),
});
