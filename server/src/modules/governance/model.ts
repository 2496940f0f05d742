import type { MeetingRecordInput } from '@railjoint/contracts';

/**
 * The rules of joint meetings, pure: a decision is as done as its task order; it is overdue when
 * open past its due date; and an open decision comes back on every later meeting its owner is
 * invited to, until its task is done — so no decision is left to memory.
 */
export type DecisionState = 'open' | 'done' | 'cancelled';

export function decisionState(taskStatus: string): DecisionState {
  return taskStatus === 'completed' ? 'done' : taskStatus === 'cancelled' ? 'cancelled' : 'open';
}

export function isOverdue(state: DecisionState, dueAt: string, nowIso: string): boolean {
  return state === 'open' && dueAt < nowIso;
}

export interface DecisionFacts {
  id: string;
  meetingId: string;
  meetingAt: string;
  ownerAgencyId: string;
  state: DecisionState;
}

/** The decisions a meeting carries: open ones, made at meetings before it, owned by an agency it invites. */
export function carriedTo<D extends DecisionFacts>(meeting: { id: string; scheduledAt: string; agencies: readonly string[] }, decisions: readonly D[]): D[] {
  return decisions.filter((d) => d.state === 'open' && d.meetingId !== meeting.id && d.meetingAt < meeting.scheduledAt && meeting.agencies.includes(d.ownerAgencyId));
}

export interface FieldProblem {
  field: string;
  zh: string;
  en: string;
}

/**
 * What is wrong with a meeting's record: attendance of agencies not invited (or twice), decisions
 * owned by agencies unknown or due before the meeting. Every problem, named by its field.
 */
export function recordProblems(input: MeetingRecordInput, invited: readonly string[], scheduledAt: string, agencyExists: (id: string) => boolean): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  input.attendance.forEach((a, i) => {
    if (!invited.includes(a.agencyId)) out.push({ field: `body.attendance[${i}].agencyId`, zh: `${a.agencyId} 不在受邀单位中`, en: `${a.agencyId} was not invited` });
    if (seen.has(a.agencyId)) out.push({ field: `body.attendance[${i}].agencyId`, zh: `${a.agencyId} 出席情况重复`, en: `${a.agencyId} is listed twice` });
    seen.add(a.agencyId);
  });
  input.decisions.forEach((d, i) => {
    if (!agencyExists(d.ownerAgencyId)) out.push({ field: `body.decisions[${i}].ownerAgencyId`, zh: `单位 ${d.ownerAgencyId} 不存在`, en: `unknown agency ${d.ownerAgencyId}` });
    if (new Date(d.dueAt).toISOString() <= scheduledAt) out.push({ field: `body.decisions[${i}].dueAt`, zh: '完成时限须晚于会议时间', en: 'is due no later than the meeting itself' });
  });
  return out;
}
