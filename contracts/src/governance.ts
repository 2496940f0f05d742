import { z } from 'zod';
import { Id } from './common.js';

/**
 * Joint meetings (联席会议) of collaborative governance (SFIC): the monthly meeting of railway
 * police and county bureaus, the section chiefs' meeting, an emergency coordination meeting, a
 * campaign kick-off. Decisions (决议) each have an owner agency, a due date and a task order;
 * open ones come back on the next meeting's agenda by themselves.
 */
export const MEETING_TYPES = ['joint_monthly', 'section_chiefs', 'emergency', 'campaign'] as const;
export const MeetingType = z.enum(MEETING_TYPES);
export type MeetingType = z.infer<typeof MeetingType>;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const MeetingInput = z.object({
  type: MeetingType,
  title: Text(120),
  scheduledAt: z.string().datetime({ offset: true }),
  place: z.string().trim().max(120).optional(),
  /** the agencies invited; the convening agency is added */
  agencies: z.array(Id).min(1).max(60),
  agenda: z.array(z.object({ title: Text(200), notes: z.string().trim().max(2000).optional() })).max(40).default([]),
});
export type MeetingInput = z.infer<typeof MeetingInput>;

export const DecisionInput = z.object({
  text: Text(500),
  ownerAgencyId: Id,
  dueAt: z.string().datetime({ offset: true }),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

/** The meeting as held: who came, the minutes, and its decisions (each becomes a task order). */
export const MeetingRecordInput = z.object({
  attendance: z.array(z.object({ agencyId: Id, attended: z.boolean(), representative: z.string().trim().max(60).optional() })).min(1).max(60),
  minutes: Text(20_000),
  decisions: z.array(DecisionInput).max(40).default([]),
});
export type MeetingRecordInput = z.infer<typeof MeetingRecordInput>;

export const DecisionStatus = z.enum(['open', 'done', 'cancelled']);
export const Decision = z.object({
  id: z.string(),
  code: z.string(),
  meetingId: z.string(),
  meetingCode: z.string(),
  text: z.string(),
  ownerAgencyId: z.string(),
  ownerAgencyName: z.string(),
  dueAt: z.string(),
  taskId: z.string(),
  taskCode: z.string(),
  status: DecisionStatus,
  overdue: z.boolean(),
});
export type Decision = z.infer<typeof Decision>;

export const Meeting = z.object({
  id: z.string(),
  code: z.string(),
  type: MeetingType,
  title: z.string(),
  scheduledAt: z.string(),
  place: z.string().nullable(),
  status: z.enum(['planned', 'held']),
  convenerAgencyId: z.string(),
  agencies: z.array(z.object({ agencyId: z.string(), agencyName: z.string(), attended: z.boolean().nullable(), representative: z.string().nullable() })),
  agenda: z.array(z.object({ seq: z.number(), title: z.string(), notes: z.string().nullable() })),
  /** decisions of earlier meetings still open whose owner is invited: on this agenda by themselves */
  carried: z.array(Decision),
  decisions: z.array(Decision),
  minutes: z.string().nullable(),
  heldAt: z.string().nullable(),
  createdBy: z.string(),
  /** papers tabled by the centre or an invited agency, oldest first */
  documents: z.array(z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number(), agencyId: z.string(), agencyName: z.string(), uploadedAt: z.string() })),
});
export type Meeting = z.infer<typeof Meeting>;

export const MeetingDocumentQuery = z.object({ documentId: z.string().uuid() });

export const MeetingSummary = Meeting.pick({ id: true, code: true, type: true, title: true, scheduledAt: true, status: true }).extend({ decisions: z.number(), openDecisions: z.number(), overdueDecisions: z.number() });
export const MeetingList = z.object({ meetings: z.array(MeetingSummary) });
export const MeetingQuery = z.object({ type: MeetingType.optional(), status: z.enum(['planned', 'held']).optional() });
