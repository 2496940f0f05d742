import { z } from 'zod';

export const SitrepSection = z.object({
  key: z.string().min(1).max(40),
  heading: z.string().trim().min(1).max(200),
  body: z.string().max(20_000),
});

export const Sitrep = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentCode: z.string(),
  number: z.number(),
  status: z.enum(['draft', 'released']),
  title: z.string(),
  sections: z.array(SitrepSection),
  generatedAt: z.string(),
  generatedBy: z.string(),
  /** who drafted and released it, by display name */
  generatedByName: z.string(),
  releasedByName: z.string().nullable(),
  /** true when the schedule made it, not a person */
  scheduled: z.boolean(),
  updatedAt: z.string(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  /** the task orders as of drafting, only those this reader may read (not part of the editable text) */
  tasks: z.array(z.object({ id: z.string(), code: z.string(), text: z.string() })),
});
export type Sitrep = z.infer<typeof Sitrep>;

export const EditSitrepRequest = z
  .object({
    title: z.string().trim().min(2).max(200),
    sections: z.array(SitrepSection).min(1).max(30),
  })
  .strict();

export const SitrepSchedule = z.object({ everyMinutes: z.number().int().min(15).max(24 * 60).nullable() }).strict();
