import { z } from 'zod';
import { EditSitrepRequest, Sitrep, SitrepSchedule } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { sendFile } from '../../platform/http/files.js';
import type { SitrepService } from './service.js';

const Uuid = z.object({ id: z.string().uuid() });

/** Situation reports: draft, edit, release, export as HTML and PDF, schedule. */
export function sitrepRoutes(sitreps: SitrepService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/sitreps',
      summary: 'Draft the next situation report from the incident’s data (facts, level, units, command and tasks, timeline, times) with a map',
      tag: 'reports',
      access: 'signed-in',
      params: Uuid,
      body: z.object({}).strict().optional(),
      status: 201,
      response: Sitrep,
      handler: async ({ actor, params, lang }) => sitreps.generate(actor!, params.id, false, lang),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/sitreps',
      summary: 'The incident’s situation reports, newest first',
      tag: 'reports',
      access: 'signed-in',
      reads: { item: { kind: 'incident', param: 'id' }, lists: [{ kind: 'sitrep', at: 'sitreps.*.id' }, { kind: 'task', at: 'sitreps.*.tasks.*.id' }] },
      params: Uuid,
      response: z.object({ sitreps: z.array(Sitrep) }),
      handler: async ({ actor, params }) => sitreps.list(actor!, params.id),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/incidents/:id/sitrep-schedule',
      summary: 'Draft a report automatically every N minutes while the incident is open (null stops it)',
      tag: 'reports',
      access: 'signed-in',
      params: Uuid,
      body: SitrepSchedule,
      response: z.object({ everyMinutes: z.number().nullable(), dueAt: z.string().nullable() }),
      handler: async ({ actor, params, body }) => sitreps.setSchedule(actor!, params.id, body.everyMinutes),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/sitreps/:id',
      summary: 'One situation report',
      tag: 'reports',
      access: 'signed-in',
      reads: { item: { kind: 'sitrep', param: 'id' }, lists: [{ kind: 'task', at: 'tasks.*.id' }] },
      params: Uuid,
      response: Sitrep,
      handler: async ({ actor, params }) => sitreps.get(actor!, params.id),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/sitreps/:id',
      summary: 'Edit a draft before release (409 once released)',
      tag: 'reports',
      access: 'signed-in',
      params: Uuid,
      body: EditSitrepRequest,
      response: Sitrep,
      handler: async ({ actor, params, body }) => sitreps.edit(actor!, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/sitreps/:id/release',
      summary: 'Release the report (a commander); it is frozen from then on',
      tag: 'reports',
      access: 'signed-in',
      params: Uuid,
      body: z.object({}).strict().optional(),
      response: Sitrep,
      handler: async ({ actor, params }) => sitreps.release(actor!, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/sitreps/:id/export',
      summary: 'The report as a self-contained HTML page or an A4 PDF, with the map',
      tag: 'reports',
      access: 'signed-in',
      reads: { item: { kind: 'sitrep', param: 'id' }, mentions: ['task'] },
      params: Uuid,
      query: z.object({ format: z.enum(['html', 'pdf']).default('pdf') }),
      handler: async ({ actor, params, query, reply, lang }) => {
        const out = await sitreps.render(actor!, params.id, query.format, lang);
        return sendFile(reply, { name: out.filename, contentType: query.format === 'html' ? 'text/html; charset=utf-8' : 'application/pdf', data: out.body }, query.format === 'html' ? 'inline' : 'attachment');
      },
    }),
  ];
}
