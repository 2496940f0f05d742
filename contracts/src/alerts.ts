import { z } from 'zod';

/**
 * How loudly an alert asks for attention. The console sounds, orders and colours alerts by it,
 * so a new kind of alert (device alarms, missed patrol checkpoints) needs no change there.
 */
export const ALERT_SEVERITIES = ['critical', 'high', 'normal'] as const;
export const AlertSeverity = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** What an alert is about, as people name it: an incident's or bulletin's number, a task's title. */
export const AlertSubject = z.object({
  kind: z.string(),
  id: z.string(),
  /** JQ…, TB…, ZL…: the number people read and the console links by */
  code: z.string().nullable(),
  title: z.string().nullable(),
  /** a task's or alarm's incident, to open it */
  incidentCode: z.string().nullable(),
});
export type AlertSubject = z.infer<typeof AlertSubject>;

export const Alert = z.object({
  id: z.string(),
  kind: z.string(),
  severity: AlertSeverity,
  raisedAt: z.string(),
  subject: AlertSubject,
  /**
   * The particulars the console words the alert with, already as names (a unit's call sign, an
   * agency's name, a reason typed by a person, durations in seconds) — never an id to show.
   */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** for the reader's agency: who acknowledged it and when (null while it waits) */
  acknowledged: z.object({ at: z.string(), by: z.string() }).nullable(),
  /** settled by what happened since (the transfer was answered, the unit acknowledged) */
  resolved: z.object({ at: z.string(), by: z.string() }).nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertList = z.object({
  alerts: z.array(Alert),
  /** alerts still waiting for the reader's agency (neither acknowledged nor resolved) */
  open: z.number().int(),
});
export type AlertList = z.infer<typeof AlertList>;

export const AlertQuery = z.object({
  /** open: waiting only; all: waiting first, then the latest settled ones */
  state: z.enum(['open', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
