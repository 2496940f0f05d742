import { z } from 'zod';
import { CoverageReport, Id, PatrolAlert, SectionRisk, SectionRiskInput, TeamRecord } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { AlertService } from './alerts.js';
import type { CoverageService } from './coverage-service.js';

/** What the centre and the agencies watch: alerts, coverage per section, each team's record, section risk weights. */
export function oversightRoutes(alerts: AlertService, coverage: CoverageService): RouteSpec[] {
  const tag = 'civil defence';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/patrol-alerts',
      summary: 'Missed and late checkpoints and welfare alerts raised to the user’s agency (the centre: all)',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'patrol_alert', at: 'alerts.*.id' }] },
      query: z.object({ open: z.enum(['true', 'false']).optional(), agencyId: Id.optional() }),
      response: z.object({ alerts: z.array(PatrolAlert) }),
      handler: async ({ actor, query }) => ({ alerts: await alerts.list(actor!, { open: query.open === 'true', agencyId: query.agencyId }) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrol-alerts/:id',
      summary: 'A patrol alert',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'patrol_alert', param: 'id' } },
      params: z.object({ id: z.uuid() }),
      response: PatrolAlert,
      handler: async ({ actor, params }) => alerts.get(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/patrol-alerts/:id/acknowledge',
      summary: 'Acknowledge a patrol alert (the centre, or the addressed agency)',
      tag,
      access: 'signed-in',
      params: z.object({ id: z.uuid() }),
      response: PatrolAlert,
      handler: async ({ actor, params }) => alerts.acknowledge(actor!, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrol-coverage',
      summary: 'Coverage per section for a Beijing day: hours since last patrolled, checkpoint visits planned / on time / late / missed, joint patrols',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'patrol_plan', at: 'sections.*.planIds.*' }] },
      query: z.object({ date: z.iso.date().optional(), lineId: Id.optional() }),
      response: CoverageReport,
      handler: async ({ actor, query }) => coverage.sections(actor!, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrol-coverage/teams',
      summary: 'Each team’s record for a Beijing day',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'patrol_team', at: 'teams.*.teamId' }] },
      query: z.object({ date: z.iso.date().optional() }),
      response: z.object({ date: z.string(), teams: z.array(TeamRecord) }),
      handler: async ({ actor, query }) => coverage.teams(actor!, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrol-sections/risks',
      summary: 'Risk weights of sections, kept to weight patrol frequency',
      tag,
      access: 'signed-in',
      reads: { reference: 'risk weights of sections of the network: the same for everyone who plans patrols' },
      response: z.object({ risks: z.array(SectionRisk) }),
      handler: async () => coverage.risks(),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/patrol-sections/:sectionId/risk',
      summary: 'Set a section’s risk weight (0–10, 1 is ordinary) and why (the centre)',
      tag,
      access: 'signed-in',
      params: z.object({ sectionId: z.string().min(1).max(200) }),
      body: SectionRiskInput,
      response: SectionRisk,
      handler: async ({ actor, params, body }) => coverage.setRisk(actor!, params.sectionId, body),
    }),
  ];
}
