import { z } from 'zod';

export const PostMessageRequest = z
  .object({
    text: z.string().trim().min(1).max(5000),
    /** incident: every agency on the incident; command: the joint command's members */
    channel: z.enum(['incident', 'command']).default('incident'),
  })
  .strict();

export const Message = z.object({
  id: z.string(),
  incidentId: z.string(),
  channel: z.enum(['incident', 'command']),
  fromAgencyId: z.string(),
  fromAgencyName: z.string(),
  fromUser: z.string(),
  /** the author's display name: what the console shows */
  fromUserName: z.string(),
  text: z.string(),
  createdAt: z.string(),
  attachments: z.array(z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() })),
});
export type Message = z.infer<typeof Message>;
