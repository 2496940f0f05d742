import { z } from 'zod';
import { Agency, Recommendation, Unit } from '@railjoint/contracts';

/** `GET /api/incidents/:id/recommendations` (server/src/modules/dispatch/routes.ts); the model's assumptions are shown as they come. */
export const RecommendationList = z.object({
  recommendations: z.array(Recommendation),
  assumptions: z.unknown(),
});
export type RecommendationList = z.infer<typeof RecommendationList>;

export const UnitList = z.object({ units: z.array(Unit) });
export const AgencyList = z.object({ agencies: z.array(Agency) });

/** What a dispatch or acknowledgement entry of the timeline says about one assignment. */
export interface AssignmentState {
  id: string;
  unitId: string;
  etaS: number | null;
  state: 'assigned' | 'acknowledged' | 'unacknowledged' | 'released' | 'cleared';
  afterS: number | null;
}

/** One stop ahead of a train where its case could be handed over (server handover-service.ts). */
const HandoverAgency = z.object({ agencyId: z.string(), name: z.string(), type: z.string().optional() }).passthrough();
export const HandoverOption = z.object({
  stationId: z.string(),
  name: z.string(),
  arrival: z.string().nullable().optional(),
  leadTimeS: z.number().nullable().optional(),
  police: HandoverAgency.nullable().optional(),
  county: HandoverAgency.nullable().optional(),
  feasible: z.boolean().optional(),
});
export type HandoverOption = z.infer<typeof HandoverOption>;
export const HandoverProposal = z.object({
  train: z.string().nullable().optional(),
  proposed: HandoverOption.nullable(),
  options: z.array(HandoverOption).default([]),
  reason: z.object({ zh: z.string().optional(), en: z.string().optional() }).nullable().optional(),
  whereabouts: z.object({ state: z.string().optional(), lastStop: z.unknown().optional() }).passthrough().nullable().optional(),
});
export type HandoverProposal = z.infer<typeof HandoverProposal>;

/** `GET /api/assignments`: the user's agency's open assignments (rows as the server selects them). */
export const AssignmentRow = z.object({
  id: z.string(),
  unit_id: z.string(),
  status: z.string(),
  assigned_at: z.string(),
  ack_deadline: z.string().nullable().optional(),
  acknowledged_at: z.string().nullable().optional(),
  eta_s: z.number().nullable().optional(),
  incident_id: z.string(),
  code: z.string(),
  category_id: z.string().nullable().optional(),
  /** the category's name as registered (the call-taker's language), shown until the taxonomy is at hand */
  category_name: z.string().nullable().optional(),
  priority: z.string().nullable().optional(),
  incident_status: z.string().nullable().optional(),
  mileage: z.string().nullable().optional(),
  lon: z.number().nullable().optional(),
  lat: z.number().nullable().optional(),
  description: z.string().optional(),
  line_id: z.string().nullable().optional(),
  line_name: z.string().nullable().optional(),
  /** the way onto the railway the ETA counted on; null: straight to the place */
  access: z.object({ name: z.string(), kind: z.enum(['access_gate', 'station']), lon: z.number(), lat: z.number() }).nullable().optional(),
});
export type AssignmentRow = z.infer<typeof AssignmentRow>;
export const AssignmentRows = z.object({ assignments: z.array(AssignmentRow) });
