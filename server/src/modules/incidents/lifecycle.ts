import type { IncidentAction, IncidentStatus } from '@railjoint/contracts';

/**
 * The incident state machine as data, so the service, the UI (which buttons to show) and the
 * tests read the same table. Conditions that need more than the status (a reason, an outcome,
 * "every assignment withdrawn") are listed as requirements for the caller to check; the table
 * stays free of I/O.
 */
export type Requirement = 'reason' | 'outcome' | 'summary' | 'all_assignments_withdrawn' | 'target_incident' | 'receiving_agency';

interface Edge {
  next: IncidentStatus;
  requires: Requirement[];
}

// Transfer, merge and cancel are open while the incident is still being worked on; once cleared
// only closing is left (a cleared incident is not handed to another agency, it is reopened as new).
const ACTIVE: IncidentStatus[] = ['received', 'dispatched', 'en_route', 'on_scene'];

const TABLE: Partial<Record<IncidentStatus, Partial<Record<IncidentAction, Edge>>>> = {
  received: { dispatch: { next: 'dispatched', requires: [] } },
  dispatched: {
    depart: { next: 'en_route', requires: [] },
    withdraw_all: { next: 'received', requires: ['all_assignments_withdrawn'] },
  },
  en_route: { arrive: { next: 'on_scene', requires: [] } },
  on_scene: { clear: { next: 'cleared', requires: [] } },
  cleared: { close: { next: 'closed', requires: ['outcome', 'summary'] } },
  transferred: {
    // Accepting restarts the clock at the receiving agency; declining or letting it lapse hands
    // it back to the coordination centre, also as a fresh "received".
    accept_transfer: { next: 'received', requires: [] },
    decline_transfer: { next: 'received', requires: ['reason'] },
    transfer_timeout: { next: 'received', requires: [] },
  },
};
for (const s of ACTIVE) {
  const row = (TABLE[s] ??= {});
  row.transfer = { next: 'transferred', requires: ['receiving_agency'] };
  row.merge = { next: 'merged', requires: ['target_incident'] };
  row.cancel = { next: 'cancelled', requires: ['reason'] };
}

export const TERMINAL_STATUSES: readonly IncidentStatus[] = ['closed', 'merged', 'cancelled'];

/** Not yet closed: the queue, and what a shift hands over. */
export const OPEN_STATUSES: IncidentStatus[] = ['received', 'dispatched', 'en_route', 'on_scene', 'cleared', 'transferred'];

/** Still being worked (cleared ones only wait for their closing report): levels and situation reports follow these. */
export const WORKING_STATUSES: IncidentStatus[] = ['received', 'dispatched', 'en_route', 'on_scene', 'transferred'];

export function isTerminal(status: IncidentStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export interface AllowedAction {
  action: IncidentAction;
  next: IncidentStatus;
  requires: Requirement[];
}

export function allowedActions(status: IncidentStatus): AllowedAction[] {
  const row = TABLE[status] ?? {};
  return Object.entries(row).map(([action, e]) => ({ action: action as IncidentAction, next: e!.next, requires: [...e!.requires] }));
}

export type TransitionResult =
  | { ok: true; next: IncidentStatus; requires: Requirement[] }
  | { ok: false; allowed: IncidentAction[] };

export function transition(status: IncidentStatus, action: IncidentAction): TransitionResult {
  const edge = TABLE[status]?.[action];
  if (!edge) return { ok: false, allowed: allowedActions(status).map((a) => a.action) };
  return { ok: true, next: edge.next, requires: [...edge.requires] };
}

/** What the caller supplies with an action; `missingRequirements` names what is absent. */
export interface ActionInput {
  reason?: string | null;
  outcome?: string | null;
  summary?: string | null;
  allAssignmentsWithdrawn?: boolean;
  targetIncidentId?: string | null;
  receivingAgencyId?: string | null;
}

export function missingRequirements(requires: readonly Requirement[], input: ActionInput): Requirement[] {
  const blank = (s: string | null | undefined) => !s || s.trim() === '';
  return requires.filter((r) => {
    switch (r) {
      case 'reason':
        return blank(input.reason);
      case 'outcome':
        return blank(input.outcome) || !isOutcomeCode(input.outcome!);
      case 'summary':
        return blank(input.summary);
      case 'all_assignments_withdrawn':
        return input.allAssignmentsWithdrawn !== true;
      case 'target_incident':
        return blank(input.targetIncidentId);
      case 'receiving_agency':
        return blank(input.receivingAgencyId);
    }
  });
}

export const OUTCOME_CODES = [
  { code: 'resolved_on_scene', zh: '现场处置完毕', en: 'Resolved on scene' },
  { code: 'suspect_detained', zh: '嫌疑人已控制', en: 'Suspect detained' },
  { code: 'case_filed', zh: '已立案侦查', en: 'Criminal case filed' },
  { code: 'administrative_penalty', zh: '已作行政处罚', en: 'Administrative penalty imposed' },
  { code: 'handed_to_other_agency', zh: '已移交其他单位', en: 'Handed over to another agency' },
  { code: 'medical_handover', zh: '已移交医疗救护', en: 'Handed over to medical services' },
  { code: 'line_cleared', zh: '线路已恢复畅通', en: 'Line cleared and reopened' },
  { code: 'false_alarm', zh: '误报', en: 'False alarm' },
  { code: 'nothing_found', zh: '到场未发现情况', en: 'Nothing found on arrival' },
  { code: 'malicious_report', zh: '恶意报警', en: 'Malicious report' },
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number]['code'];

export function isOutcomeCode(code: string): code is OutcomeCode {
  return OUTCOME_CODES.some((o) => o.code === code);
}
