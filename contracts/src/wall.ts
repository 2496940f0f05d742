import { z } from 'zod';
import { Counted } from './briefings.js';

/**
 * The big screen (指挥大屏) on the centre's wall: today's figures in Beijing time, the joint
 * commands open now, the incidents past their time limit and not yet reached, the newest P1s.
 */
export const WallIncident = z.object({
  id: z.string(),
  code: z.string(),
  priority: z.string(),
  category: z.string(),
  place: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  leadAgency: z.string().nullable(),
});
export type WallIncident = z.infer<typeof WallIncident>;

export const WallSummary = z.object({
  now: z.string(),
  /** the Beijing day the figures are of, YYYY-MM-DD */
  day: z.string(),
  counts: z.object({
    received: z.number().int(),
    /** open now, whenever received */
    open: z.number().int(),
    /** closed, cleared or cancelled today */
    closed: z.number().int(),
    byPriority: z.object({ P1: z.number().int(), P2: z.number().int(), P3: z.number().int(), P4: z.number().int() }),
  }),
  byHour: z.array(z.number().int()).length(24),
  byCategory: z.array(Counted),
  byLine: z.array(Counted),
  commands: z.array(z.object({ id: z.string(), name: z.string(), incidentId: z.string(), incidentCode: z.string(), openedAt: z.string(), level: z.string().nullable(), members: z.array(z.string()) })),
  breaches: z.array(WallIncident.extend({ limitS: z.number().int(), overS: z.number().int() })),
  /** open P1 incidents, newest first */
  p1: z.array(WallIncident),
});
export type WallSummary = z.infer<typeof WallSummary>;
