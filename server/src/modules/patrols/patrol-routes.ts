import { z } from 'zod';
import { CheckIn, CheckInRequest, ClientId, Finding, FindingList, FindingListQuery, FindingRequest, FinishPatrolRequest, Id, Patrol, StartPatrolRequest, SyncRequest, SyncResults, TrackAnswer, TrackList, TrackRequest } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { sendFile } from '../../platform/http/files.js';
import { ATTACHMENT_LIMIT } from '../sharing/attachment-rules.js';
import { uploadedFile } from '../sharing/attachment-upload.js';
import type { PatrolService } from './patrolling.js';
import type { CheckInService } from './check-ins.js';
import type { FindingService } from './findings.js';
import type { SyncService } from './sync.js';
import { IdParams, sendAnswer } from './route-helpers.js';

const PatrolParams = z.object({ id: ClientId });

/** The mobile client's routes. Every write carries the phone's own id: sent again, it is answered as the first time (header idempotent-replayed). */
export function patrolRoutes(patrols: PatrolService, checkIns: CheckInService, findings: FindingService, sync: SyncService): RouteSpec[] {
  const tag = 'civil defence';
  return [
    defineRoute({
      method: 'POST',
      url: '/api/patrols',
      summary: 'Start a patrol for a team (a duty of the day, or an extra one), with the phone’s time',
      tag,
      access: 'signed-in',
      body: StartPatrolRequest,
      status: 201,
      response: Patrol,
      handler: async ({ actor, body, reply }) => sendAnswer(reply, await patrols.start(actor!, body)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrols',
      summary: 'Patrols the user may see (a team’s, a Beijing day’s, the open ones)',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'patrol', at: 'patrols.*.id' }] },
      query: z.object({ teamId: Id.optional(), date: z.iso.date().optional(), open: z.enum(['true', 'false']).optional() }),
      response: z.object({ patrols: z.array(Patrol) }),
      handler: async ({ actor, query }) => ({ patrols: await patrols.list(actor!, { teamId: query.teamId, date: query.date, open: query.open === 'true' }) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrols/:id',
      summary: 'A patrol with its check-ins (accepted and refused, with their factors) and findings',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'patrol', param: 'id' }, lists: [{ kind: 'finding', at: 'findings.*.id' }] },
      params: PatrolParams,
      response: Patrol,
      handler: async ({ actor, params }) => patrols.get(actor!, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrols/:id/track',
      summary: 'A patrol’s track: positions in the phone’s time, with when each was received',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'patrol', param: 'id' } },
      params: PatrolParams,
      response: TrackList,
      handler: async ({ actor, params }) => patrols.trackPoints(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/patrols/:id/track',
      summary: 'Track points from the phone (up to 1,000 at once; a point already received is kept once)',
      tag,
      access: 'signed-in',
      params: PatrolParams,
      body: TrackRequest,
      response: TrackAnswer,
      handler: async ({ actor, params, body, reply }) => sendAnswer(reply, await patrols.track(actor!, params.id, body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/patrols/:id/check-ins',
      summary: 'Check in at a checkpoint (QR token, typed code or NFC tag; position and accuracy; the phone’s time): 201 accepted, or 422 check_in_refused with the reason — kept either way',
      tag,
      access: 'signed-in',
      params: PatrolParams,
      body: CheckInRequest,
      status: 201,
      response: CheckIn,
      handler: async ({ actor, params, body, lang, reply }) => sendAnswer(reply, await checkIns.checkIn(actor!, params.id, body, lang)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/patrols/:id/findings',
      summary: 'A finding on the way (a broken fence, a person near the track…): becomes an incident on the patrol channel',
      tag,
      access: 'signed-in',
      params: PatrolParams,
      body: FindingRequest,
      status: 201,
      response: Finding,
      handler: async ({ actor, params, body, reply }) => sendAnswer(reply, await findings.file(actor!, params.id, body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/patrols/:id/finish',
      summary: 'Finish a patrol (the phone’s time); its hours are credited to the members who walked it',
      tag,
      access: 'signed-in',
      params: PatrolParams,
      body: FinishPatrolRequest,
      response: Patrol,
      handler: async ({ actor, params, body, reply }) => sendAnswer(reply, await patrols.finish(actor!, params.id, body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/patrol-sync',
      summary: 'The offline queue: many queued starts, track points, check-ins, findings and finishes at once; each judged, written and answered on its own, in order',
      tag,
      access: 'signed-in',
      body: SyncRequest,
      bodyLimit: 8 * 1024 * 1024,
      response: SyncResults,
      handler: async ({ actor, body, lang }) => sync.sync(actor!, body.items, lang),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/findings',
      summary: 'Findings the reader may see, newest first, each with the hazard it became; `hazard=none`: those not yet registered as hazards',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'finding', at: 'findings.*.id' }] },
      query: FindingListQuery,
      response: FindingList,
      handler: async ({ actor, query }) => ({ findings: await findings.list(actor!, query) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/findings/:id',
      summary: 'A finding, its photos and the incident it became',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'finding', param: 'id' } },
      params: IdParams,
      response: Finding,
      handler: async ({ actor, params }) => findings.get(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/findings/:id/photos',
      summary: 'A photo of a finding (JPEG or PNG, judged by content, X-Filename, at most 5 MB), sent once per photoId the phone made; location and camera metadata are removed',
      tag,
      access: 'signed-in',
      params: IdParams,
      query: z.object({ photoId: ClientId }),
      body: z.unknown(),
      rawBody: ['image/jpeg', 'image/png', 'application/octet-stream'],
      bodyLimit: ATTACHMENT_LIMIT + 1024,
      status: 201,
      response: Finding,
      handler: async ({ actor, params, query, body, request, reply }) => sendAnswer(reply, await findings.addPhoto(actor!, params.id, query.photoId, uploadedFile(body, request, 'image/jpeg or image/png'))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/findings/:id/photos/:photoId',
      summary: 'A finding’s photo (as stored: without location metadata)',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'finding', param: 'id' } },
      params: z.object({ id: Id, photoId: ClientId }),
      handler: async ({ actor, params, reply }) => sendFile(reply, await findings.photo(actor!, params.id, params.photoId), 'inline'),
    }),
  ];
}
