import { z } from 'zod';
import {
  Category,
  type CreateIncidentRequest,
  type IncidentLocationInput,
  type IncidentStatus,
  PlaceRecommendations,
  LoginResponse,
  PositionResponse,
  ResolveResult,
  User,
  type NetworkGeoJSON,
  type AreaGeometry,
} from '@railjoint/contracts';
import { CommandView, LevelState, Task, type ResponseLevel } from '@railjoint/contracts';
import { request } from './client';
import { observePlatformTime } from './platformClock';
import { Incident, IncidentDetail, IncidentList, type PriorityLevel as Priority } from './incidentSchemas';
import { AgencyList, AssignmentRows, HandoverProposal, RecommendationList, UnitList } from './dispatchSchemas';
import type { Language } from '../app/i18n/languages';

export type { NetworkGeoJSON };
export type LoginResult = z.infer<typeof LoginResponse>;

export interface AreaProperties {
  agencyId: string;
  name: string;
  type: 'county_police_bureau' | 'township';
}
export interface AreaCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; id?: string | number; geometry: AreaGeometry; properties: AreaProperties }>;
}

// The envelopes only: the map draws whatever features come, and checking every coordinate of a
// department's network in the browser would cost more than it could catch.
const FeatureCollectionEnvelope = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

// The brief says a bare array; accepting `{categories: [...]}` too keeps the select working if the
// server settles on the envelope style its other list routes use.
const CategoryList = z.union([z.array(Category), z.object({ categories: z.array(Category) }).transform((o) => o.categories)]);

export const api = {
  login: async (username: string, password: string) => {
    const sentAt = Date.now();
    const result = await request('POST', '/api/auth/login', { body: { username, password }, schema: LoginResponse });
    // the sign-in answer carries the platform's time: the console's clocks are set from it
    if ('now' in result) observePlatformTime(result.now, sentAt, Date.now());
    return result;
  },
  me: () => request('GET', '/api/auth/me', { schema: User }),
  logout: () => request<void>('POST', '/api/auth/logout'),

  network: async (signal?: AbortSignal) =>
    (await request('GET', '/api/network', { schema: FeatureCollectionEnvelope, signal })) as unknown as NetworkGeoJSON,
  areas: async (signal?: AbortSignal) =>
    (await request('GET', '/api/organisation/areas', { schema: FeatureCollectionEnvelope, signal })) as unknown as AreaCollection,
  categories: (signal?: AbortSignal) => request('GET', '/api/categories', { schema: CategoryList, signal }),

  resolve: (q: { lon: number; lat: number; lang: Language; category?: string | null }, signal?: AbortSignal) =>
    request('GET', '/api/jurisdiction/resolve', {
      query: { lon: q.lon, lat: q.lat, lang: q.lang, category: q.category },
      schema: ResolveResult,
      signal,
    }),
  position: (lineId: string, mileage: string, signal?: AbortSignal) =>
    request('GET', '/api/network/position', { query: { lineId, mileage }, schema: PositionResponse, signal }),

  incidents: (q: { status?: IncidentStatus[]; priority?: Priority[]; code?: string; limit?: number }, signal?: AbortSignal) =>
    request('GET', '/api/incidents', {
      query: { status: q.status?.join(','), priority: q.priority?.join(','), code: q.code, limit: q.limit },
      schema: IncidentList,
      signal,
    }),
  /** with `timelineAfter`, the timeline holds only the newer entries (the rest of the answer is whole) */
  incident: (id: string, signal?: AbortSignal, timelineAfter?: number) => request('GET', `/api/incidents/${encodeURIComponent(id)}`, { query: { timelineAfter }, schema: IncidentDetail, signal }),
  createIncident: (body: CreateIncidentRequest) => request('POST', '/api/incidents', { body, schema: Incident }),
  /** dispatch, en-route, on-scene, clear, close, cancel, merge (the URL words) */
  incidentAction: (id: string, action: string, body: { reason?: string; outcomeCode?: string; summary?: string; into?: string } = {}) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/${action}`, { body, schema: Incident.partial() }),
  reprioritise: (id: string, priority: Priority, reason: string) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/reprioritise`, { body: { priority, reason }, schema: Incident.partial() }),
  keepApart: (id: string, reason?: string) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/keep-apart`, { body: { reason }, schema: Incident.partial() }),
  note: (id: string, text: string) => request('POST', `/api/incidents/${encodeURIComponent(id)}/note`, { body: { text } }),

  recommendations: (id: string, limit = 10, signal?: AbortSignal) =>
    request('GET', `/api/incidents/${encodeURIComponent(id)}/recommendations`, { query: { limit }, schema: RecommendationList, signal }),
  /** units that could reach a place first for a category, before the incident exists (the call form) */
  placeRecommendations: (body: { category: string; location: IncidentLocationInput; limit?: number }, signal?: AbortSignal) =>
    request('POST', '/api/recommendations', { body, schema: PlaceRecommendations, signal }),
  /** sends units (none: marked dispatched without units); later calls add units */
  dispatch: (id: string, units: string[], note?: string) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/dispatch`, { body: { units, ...(note ? { note } : {}) }, schema: IncidentDetail }),
  units: (signal?: AbortSignal) => request('GET', '/api/units', { schema: UnitList, signal }),
  agencies: (signal?: AbortSignal) => request('GET', '/api/agencies', { schema: AgencyList, signal }),
  transfer: (id: string, to: string, reason: string) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/transfer`, { body: { to, reason }, schema: Incident.partial() }),
  acceptTransfer: (id: string) => request('POST', `/api/incidents/${encodeURIComponent(id)}/accept-transfer`, { body: {}, schema: Incident.partial() }),
  declineTransfer: (id: string, reason: string) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/decline-transfer`, { body: { reason }, schema: Incident.partial() }),
  handover: (id: string, signal?: AbortSignal) =>
    request('GET', `/api/incidents/${encodeURIComponent(id)}/handover`, { schema: HandoverProposal, signal }),
  requestHandover: (id: string, stationId: string) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/handover`, { body: { stationId }, schema: IncidentDetail }),
  assignments: (signal?: AbortSignal) => request('GET', '/api/assignments', { schema: AssignmentRows, signal }),
  acknowledge: (id: string) => request('POST', `/api/assignments/${encodeURIComponent(id)}/acknowledge`, { body: {} }),
  releaseAssignment: (id: string, reason?: string) => request('POST', `/api/assignments/${encodeURIComponent(id)}/release`, { body: reason ? { reason } : {} }),
  unitStatus: (id: string, status: string) => request('POST', `/api/units/${encodeURIComponent(id)}/status`, { body: { status } }),
  unitPosition: (id: string, lon: number, lat: number) =>
    request('POST', `/api/units/${encodeURIComponent(id)}/position`, { body: { lon, lat, source: 'mobile' } }),

  // response level, joint command and task orders (server/src/modules/command/routes.ts)
  level: (id: string, signal?: AbortSignal) => request('GET', `/api/incidents/${encodeURIComponent(id)}/level`, { schema: LevelState, signal }),
  reportSituation: (id: string, facts: { injured?: number; dead?: number; lineBlocked?: boolean }) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/situation`, { body: facts, schema: LevelState }),
  setLevel: (id: string, level: ResponseLevel, reason: string) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/level`, { body: { level, reason }, schema: LevelState }),
  openCommand: (id: string, body: { members: Array<{ agencyId: string; role: 'commander' | 'liaison'; person?: string; userId?: string }>; objectives: string[]; periodHours?: number }) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/command`, { body, schema: CommandView }),
  incidentCommand: (id: string, signal?: AbortSignal) => request('GET', `/api/incidents/${encodeURIComponent(id)}/command`, { schema: CommandView, signal }),
  command: (id: string, signal?: AbortSignal) => request('GET', `/api/commands/${encodeURIComponent(id)}`, { schema: CommandView, signal }),
  newPlan: (id: string, body: { objectives: string[]; periodHours: number; notes?: string }) =>
    request('POST', `/api/commands/${encodeURIComponent(id)}/plans`, { body, schema: CommandView }),
  closeCommand: (id: string) => request('POST', `/api/commands/${encodeURIComponent(id)}/close`, { body: {}, schema: CommandView }),
  createTask: (body: { commandId?: string; incidentId?: string; campaign?: string; title: string; detail?: string; toAgencyId: string; toUnitId?: string; deadline: string }) =>
    request('POST', '/api/tasks', { body, schema: Task }),
  tasks: (q: { scope?: 'mine' | 'issued' | 'all'; commandId?: string; status?: string; overdue?: boolean }, signal?: AbortSignal) =>
    request('GET', '/api/tasks', { query: { scope: q.scope, commandId: q.commandId, status: q.status, overdue: q.overdue === undefined ? undefined : String(q.overdue) }, schema: z.object({ tasks: z.array(Task) }), signal }),
  /** acknowledge, progress, complete (the receiver) or cancel (the issuer); all but acknowledge need a note */
  taskStep: (id: string, step: 'acknowledge' | 'progress' | 'complete' | 'cancel', note?: string) =>
    request('POST', `/api/tasks/${encodeURIComponent(id)}/${step}`, { body: note ? { note } : {}, schema: Task }),
};
