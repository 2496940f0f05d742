import { EffectivenessQuery, EffectivenessReport } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../../platform/http/route.js';
import { preferredLang } from '../../../platform/http/register.js';
import { sendFile } from '../../../platform/http/files.js';
import type { EffectivenessService } from './service.js';
import { effectivenessPdf } from './pdf.js';

export function effectivenessRoutes(service: EffectivenessService, department: () => string): RouteSpec[] {
  const tag = 'allocation';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/allocation/effectiveness',
      summary: 'The mechanism’s effectiveness on the department’s data: joint against siloed response (simulated), optimal against current posts, randomised against fixed patrols — each number with its assumptions (planners)',
      tag,
      access: 'signed-in',
      reads: { action: 'allocation.plan' },
      query: EffectivenessQuery,
      response: EffectivenessReport,
      handler: async ({ actor, query, request }) => service.report(actor!, query, preferredLang(request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/allocation/effectiveness.pdf',
      summary: 'The same as a PDF report',
      tag,
      access: 'signed-in',
      reads: { action: 'allocation.plan' },
      query: EffectivenessQuery,
      handler: async ({ actor, query, request, reply }) => {
        const lang = preferredLang(request);
        const r = await service.report(actor!, query, lang);
        return sendFile(reply, { name: 'effectiveness.pdf', contentType: 'application/pdf', data: await effectivenessPdf(r, department(), lang) });
      },
    }),
  ];
}
