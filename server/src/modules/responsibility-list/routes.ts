import { LegalBasisList, ResponsibilityApproveInput, ResponsibilityDiffQuery, ResponsibilityDraftInput, ResponsibilityFileQuery, ResponsibilityListDiff, ResponsibilityListIndex, ResponsibilityListVersion, VersionNumberParams } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { sendFile } from '../../platform/http/files.js';
import type { ResponsibilityListService } from './service.js';
import { listPdf, listXlsx } from './exports.js';

const PUBLISHED = 'the published power-and-responsibility list: every agency reads it';

export function responsibilityListRoutes(list: ResponsibilityListService, department: () => string): RouteSpec[] {
  const tag = 'governance';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/responsibility-list',
      summary: 'The power-and-responsibility list (权责清单): its published versions, newest first, and the open draft to those who may work on it',
      tag,
      access: 'signed-in',
      reads: { reference: PUBLISHED },
      response: ResponsibilityListIndex,
      handler: async ({ actor }) => list.index(actor!),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/responsibility-list/versions/:number',
      summary: 'One published version: for each category and place kind who leads, supports and is told, the time limit and the legal basis; the named agencies of each type',
      tag,
      access: 'signed-in',
      reads: { reference: PUBLISHED },
      params: VersionNumberParams,
      response: ResponsibilityListVersion,
      handler: async ({ params }) => list.version(params.number),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/responsibility-list/versions/:number/export',
      summary: 'One published version as PDF or XLSX (format=pdf|xlsx)',
      tag,
      access: 'signed-in',
      reads: { reference: PUBLISHED },
      params: VersionNumberParams,
      query: ResponsibilityFileQuery,
      handler: async ({ params, query, reply }) => {
        const v = await list.version(params.number);
        if (query.format === 'xlsx') return sendFile(reply, { name: `权责清单-第${v.number}版.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: listXlsx(v) });
        return sendFile(reply, { name: `权责清单-第${v.number}版.pdf`, contentType: 'application/pdf', data: await listPdf(v, department()) });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/responsibility-list/diff',
      summary: 'What changed between two published versions: rows added, removed and changed (with the fields that did)',
      tag,
      access: 'signed-in',
      reads: { reference: PUBLISHED },
      query: ResponsibilityDiffQuery,
      response: ResponsibilityListDiff,
      handler: async ({ query }) => list.diff(query.from, query.to),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/responsibility-list/legal-basis',
      summary: 'The legal basis (法律依据) each category will be published with: the centre’s text, or the default',
      tag,
      access: 'signed-in',
      reads: { reference: 'the legal basis of each category, published with the list' },
      response: LegalBasisList,
      handler: async () => list.legalBasis(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/responsibility-list/draft',
      summary: 'The open draft (the centre), with whether the matrix moved away from it since',
      tag,
      access: 'signed-in',
      reads: { action: 'responsibility.draft' },
      response: ResponsibilityListVersion,
      handler: async ({ actor }) => list.draft(actor!),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/responsibility-list/draft',
      summary: 'Draft the list from the current matrix, or redraft the open draft (the centre): a note and legal basis edits, written together',
      tag,
      access: 'signed-in',
      body: ResponsibilityDraftInput,
      response: ResponsibilityListVersion,
      handler: async ({ actor, body }) => list.saveDraft(actor!, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/responsibility-list/draft',
      summary: 'Discard the open draft (the centre)',
      tag,
      access: 'signed-in',
      status: 204,
      handler: async ({ actor, reply }) => {
        await list.discard(actor!);
        return reply.status(204).send();
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/responsibility-list/draft/approve',
      summary: 'Approve the draft named (a commander of the centre, or an administrator): it becomes the next version; 409 stale when the matrix changed since it was drafted',
      tag,
      access: 'signed-in',
      body: ResponsibilityApproveInput,
      response: ResponsibilityListVersion,
      handler: async ({ actor, body }) => list.approve(actor!, body.draftId),
    }),
  ];
}
