import { z } from 'zod';
import { Id, LonLat } from './common.js';
import { MileageText } from './network.js';

/**
 * Reports from the public (群众举报): no sign-in, categories a member of the public understands,
 * answered with an unguessable tracking code. What a reporter sends never reaches another
 * reporter; the contact details reach only the agency that handles the report.
 */
export const PUBLIC_CATEGORIES = ['person_on_track', 'broken_fence', 'object_on_line', 'stone_throwing', 'cable_theft', 'livestock', 'fire_near_line', 'suspicious_person'] as const;
export const PublicCategory = z.enum(PUBLIC_CATEGORIES);
export type PublicCategory = z.infer<typeof PublicCategory>;

/** A train number as printed on tickets: G1234, D2, K9, T15, Z38, C7001, Y1, or digits alone. */
export const TrainNumber = z.string().trim().regex(/^[A-Za-z]?\d{1,5}$/, 'a train number such as G1234');

/** Where: a pin on the map, "I am at station …", a km post, or "on train G1234, car 5". */
export const PublicWhere = z.union([
  z.object({ lon: z.number().gte(-180).lte(180), lat: z.number().gte(-90).lte(90) }).strict(),
  z.object({ stationId: Id }).strict(),
  z.object({ lineId: Id, mileage: MileageText }).strict(),
  z.object({ train: TrainNumber, car: z.number().int().min(1).max(40).optional() }).strict(),
]);
export type PublicWhere = z.infer<typeof PublicWhere>;

export const ReporterContactInput = z
  .object({
    name: z.string().trim().min(1).max(50).optional(),
    phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'a phone number: digits, spaces and dashes').optional(),
    email: z.email().max(200).optional(),
  })
  .strict();

export const PublicReportRequest = z
  .object({
    /** made on the phone: sending the same report again (a lost answer, the offline queue) answers with the same code */
    clientId: z.uuid().optional(),
    category: PublicCategory,
    where: PublicWhere,
    description: z.string().trim().min(1).max(2000),
    contact: ReporterContactInput.optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type PublicReportRequest = z.infer<typeof PublicReportRequest>;

export const PUBLIC_STATUSES = ['received', 'in_progress', 'resolved', 'closed'] as const;
export const PublicStatus = z.enum(PUBLIC_STATUSES);
export type PublicStatus = z.infer<typeof PublicStatus>;

export const PublicReportReceipt = z.object({
  trackingCode: z.string(),
  status: PublicStatus,
  submittedAt: z.string(),
  /** what to keep: the code is the only way back to the report */
  notice: z.string(),
});

/** What anyone holding the tracking code sees: the status and the handling agency's public notes, nothing personal. */
export const PublicReportStatus = z.object({
  trackingCode: z.string(),
  category: PublicCategory,
  categoryName: z.string(),
  status: PublicStatus,
  submittedAt: z.string(),
  updatedAt: z.string(),
  notes: z.array(z.object({ at: z.string(), text: z.string() })),
  photos: z.number(),
  /** points (积分) the report has earned, once it proved useful */
  points: z.number(),
});
export type PublicReportStatus = z.infer<typeof PublicReportStatus>;

/** The report as the agencies handling its incident see it. */
export const PublicReport = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentCode: z.string(),
  category: PublicCategory,
  description: z.string(),
  where: z.unknown(),
  coordinates: LonLat.nullable(),
  source: z.enum(['web', 'open311']),
  submittedAt: z.string(),
  status: PublicStatus,
  notes: z.array(z.object({ id: z.string(), at: z.string(), text: z.string(), agencyId: z.string() })),
  photos: z.array(z.object({ id: z.string(), contentType: z.string(), size: z.number(), receivedAt: z.string() })),
  /** an Open311 client's media_url, never fetched by the platform */
  mediaUrl: z.string().nullable(),
  points: z.number(),
  /** whether contact details were left: GET …/contact shows them to the handling agency */
  hasContact: z.boolean(),
});
export type PublicReport = z.infer<typeof PublicReport>;

export const ReporterContact = z.object({ reportId: z.string(), name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() });

export const PublicNoteRequest = z.object({ text: z.string().trim().min(1).max(1000) }).strict();

export const PublicCategoryInfo = z.object({ id: PublicCategory, name: z.string(), description: z.string(), incidentCategory: z.string() });

export const Open311ClientInput = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export const Open311Client = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), createdBy: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable() });
export const Open311ClientCreated = Open311Client.extend({ apiKey: z.string() });
