import { z } from 'zod';
import {
  HazardDetail,
  HazardFromFinding,
  HazardInput,
  HazardLedger,
  HazardList,
  HazardNote,
  HazardPhotoQuery,
  HazardQuery,
  HazardReject,
  HazardVerify,
  Id,
  SectionChief,
  SectionChiefImportResult,
  SectionChiefInput,
  SectionChiefList,
  SectionChiefLookup,
  SectionChiefLookupQuery,
  SectionChiefQuery,
  Hazard,
} from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { sendFile } from '../../platform/http/files.js';
import { ATTACHMENT_LIMIT } from '../sharing/attachment-rules.js';
import { uploadedFile } from '../sharing/attachment-upload.js';
import type { HazardService } from './service.js';
import type { SectionChiefService } from './section-chiefs.js';
import type { HazardLedgerService } from './ledger.js';

const Params = z.object({ id: Id });
const LedgerQuery = HazardQuery.omit({ limit: true }).extend({ format: z.enum(['json', 'xlsx', 'pdf']).default('json') });

export function sectionChiefRoutes(chiefs: SectionChiefService): RouteSpec[] {
  const tag = 'hazards';
  const reference = { reference: 'who owns each stretch of line (双段长) is public along the line: the boards at every crossing name both chiefs and their phones' };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/section-chiefs',
      summary: 'The dual section chief assignment (双段长): per line and mileage range, the railway and the local section chief',
      tag,
      access: 'signed-in',
      reads: reference,
      query: SectionChiefQuery,
      response: SectionChiefList,
      handler: async ({ query }) => ({ assignments: await chiefs.list(query) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/section-chiefs/lookup',
      summary: 'Both section chiefs of a place (line and mileage; where a long chain repeats the mileage, the first stretch)',
      tag,
      access: 'signed-in',
      reads: reference,
      query: SectionChiefLookupQuery,
      response: SectionChiefLookup,
      handler: async ({ query }) => chiefs.lookup(query.lineId, query.mileage),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/section-chiefs/:id',
      summary: 'One stretch and its section chiefs',
      tag,
      access: 'signed-in',
      reads: reference,
      params: Params,
      response: SectionChief,
      handler: async ({ params }) => chiefs.get(params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/section-chiefs',
      summary: 'Add a stretch and its section chiefs (the centre’s dispatchers and commanders, administrators); a stretch overlapping another of its line is refused',
      tag,
      access: 'signed-in',
      body: SectionChiefInput,
      status: 201,
      response: SectionChief,
      handler: async ({ actor, body }) => chiefs.create(actor!, body),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/section-chiefs/:id',
      summary: 'Change a stretch or its section chiefs',
      tag,
      access: 'signed-in',
      params: Params,
      body: SectionChiefInput,
      response: SectionChief,
      handler: async ({ actor, params, body }) => chiefs.update(actor!, params.id, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/section-chiefs/:id',
      summary: 'Remove a stretch from the assignment (hazards already reported keep their owners)',
      tag,
      access: 'signed-in',
      params: Params,
      status: 204,
      handler: async ({ actor, params, reply }) => {
        await chiefs.remove(actor!, params.id);
        return reply.status(204).send();
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/section-chiefs/import',
      summary: 'Import the assignment as CSV (lineId,from,to,railwayAgencyId,railwayChief,railwayPhone,localAgencyId,localChief,localPhone,note): every line the file names is replaced by its rows, all or nothing; refused rows are named in details.errors',
      tag,
      access: 'signed-in',
      body: z.unknown(),
      rawBody: ['text/csv', 'text/plain'],
      bodyLimit: 4 * 1024 * 1024,
      response: SectionChiefImportResult,
      handler: async ({ actor, body }) => chiefs.importCsv(actor!, typeof body === 'string' ? body : ''),
    }),
  ];
}

export function hazardRoutes(hazards: HazardService, ledger: HazardLedgerService): RouteSpec[] {
  const tag = 'hazards';
  const step = (url: string, action: 'assign' | 'start' | 'rectify' | 'close', summary: string) =>
    defineRoute({
      method: 'POST',
      url,
      summary,
      tag,
      access: 'signed-in',
      params: Params,
      body: HazardNote,
      response: HazardDetail,
      handler: async ({ actor, params, body }) => hazards.act(actor!, params.id, action, { note: body.note }),
    });
  return [
    defineRoute({
      method: 'POST',
      url: '/api/hazards',
      summary: 'Report a hazard (安全隐患): type, severity, place (line and mileage, or a point within 500 m of a line), source; both owners come from the section chief assignment and the deadline from the severity',
      tag,
      access: 'signed-in',
      body: HazardInput,
      status: 201,
      response: Hazard,
      handler: async ({ actor, body }) => hazards.report(actor!, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/findings/:id/hazard',
      summary: 'Turn a patrol finding into a hazard: its place, its photos and its team’s agency as the finder (once per finding)',
      tag,
      access: 'signed-in',
      params: Params,
      body: HazardFromFinding,
      status: 201,
      response: Hazard,
      handler: async ({ actor, params, body }) => hazards.fromFinding(actor!, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/hazards',
      summary: 'Hazards the user may read, filtered by status, open, overdue, township, owner, agency, line, section, type and severity',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'hazard', at: 'hazards.*.id' }] },
      query: HazardQuery,
      response: HazardList,
      handler: async ({ actor, query }) => ({ hazards: await hazards.list(actor!, query) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/hazard-ledger',
      summary: 'The ledger (台账): the readable hazards with counts per township, section and owner, open and overdue; format=xlsx or pdf for the same as a file',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'hazard', at: 'hazards.*.id' }], mentions: ['hazard'] },
      query: LedgerQuery,
      response: HazardLedger,
      handler: async ({ actor, query, reply }) => {
        const { format, ...filters } = query;
        const l = await ledger.ledger(actor!, filters);
        const day = l.at.slice(0, 10);
        if (format === 'xlsx') return sendFile(reply, { name: `隐患台账-${day}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: ledger.xlsx(l) });
        if (format === 'pdf') return sendFile(reply, { name: `隐患台账-${day}.pdf`, contentType: 'application/pdf', data: await ledger.pdf(l, ledger.department()) });
        return l;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/hazards/:id',
      summary: 'A hazard with its photos and its history (who changed what, when)',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'hazard', param: 'id' } },
      params: Params,
      response: HazardDetail,
      handler: async ({ actor, params }) => hazards.get(actor!, params.id),
    }),
    step('/api/hazards/:id/assign', 'assign', 'Confirm the hazard to its two section chiefs (the centre or either chief’s agency): reported → assigned'),
    step('/api/hazards/:id/start', 'start', 'A section chief’s agency starts the rectification: assigned → rectifying'),
    step('/api/hazards/:id/rectified', 'rectify', 'A section chief’s agency reports the work done, with at least one photo taken after: rectifying → rectified'),
    defineRoute({
      method: 'POST',
      url: '/api/hazards/:id/verify',
      summary: 'The finder’s agency verifies the rectification (rectified → verified), or sends it back (passed: false → rectifying)',
      tag,
      access: 'signed-in',
      params: Params,
      body: HazardVerify,
      response: HazardDetail,
      handler: async ({ actor, params, body }) => hazards.act(actor!, params.id, body.passed ? 'verify' : 'fail_verification', { note: body.note }),
    }),
    step('/api/hazards/:id/close', 'close', 'Strike the hazard off the ledger (销号): only once verified (409 not_verified otherwise)'),
    defineRoute({
      method: 'POST',
      url: '/api/hazards/:id/reject',
      summary: 'Reject a report that is no hazard, with a reason (the centre or the finder’s agency, before the work starts)',
      tag,
      access: 'signed-in',
      params: Params,
      body: HazardReject,
      response: HazardDetail,
      handler: async ({ actor, params, body }) => hazards.act(actor!, params.id, 'reject', { reason: body.reason }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/hazards/:id/photos',
      summary: 'A photo of the hazard (phase=before) or of the work done (phase=after, while rectifying): JPEG or PNG judged by content, at most 5 MB, location and camera metadata removed; once per photoId',
      tag,
      access: 'signed-in',
      params: Params,
      query: HazardPhotoQuery,
      body: z.unknown(),
      rawBody: ['image/jpeg', 'image/png', 'application/octet-stream'],
      bodyLimit: ATTACHMENT_LIMIT + 1024,
      status: 201,
      response: HazardDetail,
      handler: async ({ actor, params, query, body, request }) => hazards.addPhoto(actor!, params.id, query.photoId, query.phase, uploadedFile(body, request, 'image/jpeg or image/png')),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/hazards/:id/photos/:photoId',
      summary: 'A hazard’s photo (as stored: without location metadata)',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'hazard', param: 'id' } },
      params: z.object({ id: Id, photoId: Id }),
      handler: async ({ actor, params, reply }) => sendFile(reply, await hazards.photo(actor!, params.id, params.photoId), 'inline'),
    }),
  ];
}
