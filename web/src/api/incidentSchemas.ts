import type { z } from 'zod';
import type { Incident, Priority } from '@railjoint/contracts';

/**
 * The incident as `GET/POST /api/incidents…` answer it: the contracts' schemas, shared with the
 * server (which checks its answers against them in its tests).
 */
export { Incident, IncidentDetail, IncidentList, LiveMessage, TimelineEntry } from '@railjoint/contracts';
export type PriorityLevel = z.infer<typeof Priority>;

export type IncidentLocation = Incident['location'];
export type DuplicateRef = Incident['likelyDuplicates'][number];

/** Close codes; labels live in the catalogue as `outcome.<code>` (server: lifecycle.ts OUTCOME_CODES). */
export const OUTCOME_CODES = [
  'resolved_on_scene',
  'suspect_detained',
  'case_filed',
  'administrative_penalty',
  'handed_to_other_agency',
  'medical_handover',
  'line_cleared',
  'false_alarm',
  'nothing_found',
  'malicious_report',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];
