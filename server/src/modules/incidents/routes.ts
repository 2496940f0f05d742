import { OPEN_STATUSES } from './lifecycle.js';
import { z } from 'zod';
import { CreateIncidentRequest, Id, Incident, IncidentDetail, IncidentList, IncidentStatus, MileageText, parseMileage, Priority, LikelyDuplicatePage } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { clientOf } from '../../platform/http/client.js';
import { authorize } from '../../platform/policies.js';
import { badRequest, notFound, said, fieldError } from '../../platform/http/errors.js';
import type { IncidentService } from './service.js';
import { fromUrlAction, LIFECYCLE_URL_ACTIONS } from './actions.js';
import { OUTCOME_CODES } from './lifecycle.js';

const IdParams = z.object({ id: z.string().uuid() });
const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20)).optional();

const ListQuery = z.object({
  status: csv(IncidentStatus),
  /** only incidents still being worked (not closed, cancelled or merged) */
  open: z.enum(['true', 'false']).optional(),
  priority: csv(Priority),
  category: Id.optional(),
  /** the incident number (JQ20261203-0001): links and reloads name an incident by it */
  code: z.string().trim().min(1).max(40).optional(),
  /** the caller's phone number: has this caller called before? (matched by a keyed hash, never stored readable) */
  reporterPhone: z.string().trim().regex(/^[0-9+\-() ]{3,32}$/, 'a phone number').optional(),
  agency: Id.optional(),
  lineId: Id.optional(),
  from: MileageText.optional(),
  to: MileageText.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const ActionBody = z.object({
  reason: z.string().trim().min(1).max(1000).optional(),
  outcomeCode: z.string().max(40).optional(),
  summary: z.string().trim().min(1).max(4000).optional(),
  into: z.string().uuid().optional(),
});


function decodeCursor(cursor: string | undefined): { receivedAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    if (typeof receivedAt === 'string' && typeof id === 'string') return { receivedAt, id };
  } catch {
    // fall through
  }
  throw badRequest('validation_failed', said('query.cursor 有误', 'invalid query.cursor'), { fields: [fieldError('query.cursor', '不是上一页返回的游标', 'not a cursor from a previous page')] });
}

export function incidentRoutes(incidents: IncidentService): RouteSpec[] {
  const lifecycle = LIFECYCLE_URL_ACTIONS.map((name) =>
    defineRoute({
      method: 'POST',
      url: `/api/incidents/:id/${name}`,
      summary: `Incident action "${name}"; 409 with the allowed actions when the status does not permit it`,
      tag: 'incidents',
      access: 'signed-in',
      params: IdParams,
      body: ActionBody,
      response: IncidentDetail,
      handler: async ({ actor, params, body, request }) => incidents.act(actor!, params.id, fromUrlAction(name)!, body, clientOf(request)),
    }),
  );
  return [
    defineRoute({
      method: 'GET',
      url: '/api/incidents/outcomes',
      summary: 'Outcome codes for closing an incident, with Chinese and English labels',
      tag: 'incidents',
      access: 'signed-in',
      reads: { reference: 'the outcome codes of the department' },
      handler: async () => ({ outcomes: OUTCOME_CODES }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents',
      summary: 'Receive a report from any channel: located, assigned to agencies by the responsibility matrix, prioritised, checked for duplicates. Idempotent by (channel, externalRef).',
      tag: 'incidents',
      access: 'signed-in',
      status: 201,
      body: CreateIncidentRequest,
      response: Incident,
      handler: async ({ actor, body, request, reply }) => {
        authorize(actor, 'incident.create');
        const { incident, created } = await incidents.create(actor, body, clientOf(request));
        reply.status(created ? 201 : 200);
        return reply.send(incident);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/incidents',
      summary: 'Incidents the user may see, newest first; filters: status, priority (comma lists), category, number (code), agency, line + mileage range, time; paged by cursor',
      tag: 'incidents',
      access: 'signed-in',
      reads: { lists: [{ kind: 'incident', at: 'incidents.*.id' }] },
      query: ListQuery,
      response: IncidentList,
      handler: async ({ actor, query }) => {
        const from = query.from ? parseMileage(query.from).metres : undefined;
        const to = query.to ? parseMileage(query.to).metres : undefined;
        return incidents.list(actor!, {
          status: query.status ?? (query.open === 'true' ? OPEN_STATUSES : undefined),
          priority: query.priority,
          category: query.category,
          code: query.code,
          ...(query.reporterPhone ? { reporterPhoneKey: incidents.phoneKey(query.reporterPhone) } : {}),
          lineId: query.lineId,
          fromMetres: from,
          toMetres: to,
          receivedFrom: query.since ? new Date(query.since).toISOString() : undefined,
          receivedTo: query.until ? new Date(query.until).toISOString() : undefined,
          before: decodeCursor(query.cursor),
          limit: query.limit,
          involving: query.agency,
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id',
      summary: 'One incident with its timeline, time intervals and breached limits',
      tag: 'incidents',
      access: 'signed-in',
      reads: { item: { kind: 'incident', param: 'id' }, lists: [{ kind: 'task', at: 'timeline.*.detail.taskId' }, { kind: 'incident', at: 'duplicateOf' }] },
      params: z.object({ id: z.string().max(64) }),
      // a console already showing the incident asks only for the timeline entries it lacks
      query: z.object({ timelineAfter: z.coerce.number().int().min(0).optional() }),
      response: IncidentDetail,
      handler: async ({ actor, params, query }) => {
        if (!z.string().uuid().safeParse(params.id).success) throw notFound('incident');
        return incidents.get(actor!, params.id, query.timelineAfter);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/duplicates',
      summary: 'Likely duplicates of an incident (same category, near in space and time, still open), best first, paged; only those the user may see',
      tag: 'incidents',
      access: 'signed-in',
      reads: { item: { kind: 'incident', param: 'id' }, lists: [{ kind: 'incident', at: 'duplicates.*.id' }] },
      params: z.object({ id: z.string().uuid() }),
      query: z.object({ offset: z.coerce.number().int().min(0).max(100_000).default(0), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: LikelyDuplicatePage,
      handler: async ({ actor, params, query }) => incidents.duplicates(actor!, params.id, query),
    }),
    ...lifecycle,
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/reprioritise',
      summary: 'Change the priority, with a reason (coordination centre)',
      tag: 'incidents',
      access: 'signed-in',
      params: IdParams,
      body: z.object({ priority: Priority, reason: z.string().trim().min(2).max(1000) }),
      handler: async ({ actor, params, body, request }) => incidents.reprioritise(actor!, params.id, body.priority, body.reason, clientOf(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/transfer',
      summary: 'Transfer (移交) to another agency with a reason; it must accept or decline in time, else the centre is alerted',
      tag: 'incidents',
      access: 'signed-in',
      params: IdParams,
      body: z.object({ to: Id, reason: z.string().trim().min(2).max(1000) }),
      handler: async ({ actor, params, body, request }) => incidents.transfer(actor!, params.id, body.to, body.reason, clientOf(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/accept-transfer',
      summary: 'The receiving agency accepts a transfer and leads from now on',
      tag: 'incidents',
      access: 'signed-in',
      params: IdParams,
      body: z.object({}).optional(),
      handler: async ({ actor, params, request }) => incidents.acceptTransfer(actor!, params.id, clientOf(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/decline-transfer',
      summary: 'The receiving agency declines a transfer, with a reason; the incident returns to the coordination centre',
      tag: 'incidents',
      access: 'signed-in',
      params: IdParams,
      body: z.object({ reason: z.string().trim().min(2).max(1000) }),
      handler: async ({ actor, params, body, request }) => incidents.declineTransfer(actor!, params.id, body.reason, clientOf(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/keep-apart',
      summary: 'Not a duplicate after all: clear the likely-duplicate flag (coordination centre)',
      tag: 'incidents',
      access: 'signed-in',
      params: IdParams,
      body: z.object({ reason: z.string().trim().max(1000).optional() }),
      handler: async ({ actor, params, body, request }) => incidents.keepApart(actor!, params.id, body.reason, clientOf(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/note',
      summary: 'Add a note to the timeline (any agency with a part in the incident)',
      tag: 'incidents',
      access: 'signed-in',
      params: IdParams,
      body: z.object({ text: z.string().trim().min(1).max(4000) }),
      handler: async ({ actor, params, body, request }) => incidents.note(actor!, params.id, body.text, clientOf(request)),
    }),
  ];
}
