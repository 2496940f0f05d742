import { z } from 'zod';
import { Briefing, BriefingExportQuery, BriefingList, BriefingQuery, BriefingRequest, Id, WallSummary } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { sendFile } from '../../platform/http/files.js';
import type { BriefingService } from './service.js';
import type { WallService } from './wall.js';

const Params = z.object({ id: Id });

export function briefingRoutes(briefings: BriefingService, wall: WallService): RouteSpec[] {
  const tag = 'briefings';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/briefings',
      summary: 'Briefings (每日警情通报, weekly, monthly) made so far, newest period first; the centre’s list (member agencies read each as its bulletin)',
      tag,
      access: 'signed-in',
      reads: { action: 'briefings.read' },
      query: BriefingQuery,
      response: BriefingList,
      handler: async ({ actor, query }) => ({ briefings: await briefings.list(actor!, query) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/briefings',
      summary: 'Make the briefing of a period that is over and publish it as a bulletin to the member agencies (the centre’s dispatchers and commanders); once per kind and period',
      tag,
      access: 'signed-in',
      body: BriefingRequest,
      status: 201,
      response: Briefing,
      handler: async ({ actor, body }) => briefings.request(actor!, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/briefings/:id',
      summary: 'A briefing with its figures (the console draws the same charts from them)',
      tag,
      access: 'signed-in',
      reads: { action: 'briefings.read' },
      params: Params,
      response: Briefing,
      handler: async ({ actor, params }) => briefings.get(actor!, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/briefings/:id/export',
      summary: 'The briefing as published: self-contained HTML (charts as inline SVG) or PDF',
      tag,
      access: 'signed-in',
      reads: { action: 'briefings.read' },
      params: Params,
      query: BriefingExportQuery,
      handler: async ({ actor, params, query, reply }) => sendFile(reply, await briefings.file(actor!, params.id, query.format)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/wall',
      summary: 'The big screen (指挥大屏): today’s counts in Beijing time, by hour, category and line, open joint commands, time limits breached, open P1 incidents (the centre)',
      tag,
      access: 'signed-in',
      reads: { action: 'wall.read' },
      response: WallSummary,
      handler: async ({ actor, lang }) => wall.summary(actor!, lang),
    }),
  ];
}
