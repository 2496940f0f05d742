import type { AlertSeverity, EventType } from '@railjoint/contracts';

/**
 * Who an alert is addressed to, in words the engine resolves when it raises one (audience.ts):
 * the coordination centre, an agency with a part in what the alert is about, or an agency the
 * event names in its payload. The platform's own administration is never among them.
 */
export type AudienceRule =
  | 'centre'
  | 'incident:lead'
  | 'unit:agency'
  | 'transfer:from'
  | 'task:issuer'
  | 'task:receiver'
  | 'bulletin:waiting'
  | 'device:jurisdiction'
  | { payload: string };

/** A particular copied from the event into the alert, as a name people read (never an id). */
export interface FactRule {
  name: string;
  /** the payload key it comes from */
  from: string;
  /** ids become names: a unit's call sign, an agency's name; values are copied as they are */
  as?: 'unit' | 'agency' | 'value';
}

export interface Resolution {
  /** events about the same resource that settle the alert */
  events: EventType[];
  /** payload keys on which the settling event must agree with the raising one (the same unit) */
  match?: string[];
  /** the payload key naming the one agency it is settled for (that agency acknowledged the bulletin) */
  agency?: string;
}

/**
 * A kind of alert as data: which events raise it and for whom, how loud it is, what it says and
 * what settles it. Device alarms and missed patrol checkpoints are entries here like the rest;
 * nothing in the engine or the console switches on a kind.
 */
export interface AlertKind {
  kind: string;
  severity: AlertSeverity;
  raisedBy: Array<{ event: EventType; audience: AudienceRule[] }>;
  facts?: FactRule[];
  /** payload keys that make two alerts of a kind about one resource different ones (two units late) */
  distinctBy?: string[];
  resolvedBy?: Resolution[];
}

const INCIDENT_ENDED: Resolution = { events: ['incident.close', 'incident.cancel', 'incident.merge'] };

export const ALERT_KIND_REGISTRY: readonly AlertKind[] = [
  {
    // escalated to the centre (as before), and told to whoever leads and the unit's own agency
    kind: 'assignment_unacknowledged',
    severity: 'high',
    raisedBy: [{ event: 'incident.assignment_unacknowledged', audience: ['centre', 'incident:lead', 'unit:agency'] }],
    facts: [{ name: 'unit', from: 'unitId', as: 'unit' }],
    distinctBy: ['unitId'],
    resolvedBy: [{ events: ['incident.assignment_acknowledged', 'incident.unit_released'], match: ['unitId'] }, INCIDENT_ENDED],
  },
  {
    kind: 'limit_breached',
    severity: 'critical',
    raisedBy: [{ event: 'incident.limit_breached', audience: ['centre', 'incident:lead'] }],
    facts: [
      { name: 'limitS', from: 'limitS' },
      { name: 'elapsedS', from: 'elapsedS' },
    ],
    resolvedBy: [{ events: ['incident.arrive'] }, INCIDENT_ENDED],
  },
  {
    kind: 'transfer_offered',
    severity: 'high',
    raisedBy: [{ event: 'incident.transfer', audience: [{ payload: 'to' }] }],
    facts: [{ name: 'reason', from: 'reason' }],
    resolvedBy: [{ events: ['incident.transfer_accepted', 'incident.transfer_declined', 'incident.transfer_timeout'] }, INCIDENT_ENDED],
  },
  {
    kind: 'transfer_declined',
    severity: 'high',
    raisedBy: [{ event: 'incident.transfer_declined', audience: ['centre', 'transfer:from'] }],
    facts: [
      { name: 'agency', from: 'agency', as: 'agency' },
      { name: 'reason', from: 'reason' },
    ],
    resolvedBy: [{ events: ['incident.dispatch', 'incident.transfer'] }, INCIDENT_ENDED],
  },
  {
    kind: 'transfer_timed_out',
    severity: 'high',
    raisedBy: [{ event: 'incident.transfer_timeout', audience: ['centre', 'transfer:from'] }],
    facts: [{ name: 'agency', from: 'agency', as: 'agency' }],
    resolvedBy: [{ events: ['incident.dispatch', 'incident.transfer'] }, INCIDENT_ENDED],
  },
  {
    kind: 'bulletin_to_acknowledge',
    severity: 'normal',
    raisedBy: [
      { event: 'bulletin.published', audience: ['bulletin:waiting'] },
      { event: 'bulletin.reminder', audience: [{ payload: 'agencyId' }] },
    ],
    resolvedBy: [{ events: ['bulletin.acknowledged'], agency: 'agencyId' }, { events: ['bulletin.withdrawn'] }],
  },
  {
    kind: 'task_overdue',
    severity: 'normal',
    raisedBy: [{ event: 'task.overdue', audience: ['task:issuer', 'task:receiver'] }],
    resolvedBy: [{ events: ['task.complete', 'task.cancel'] }],
  },
  {
    // issue 10: a patrol that missed a checkpoint or went quiet, told to the team's agency and the centre
    kind: 'patrol_alert',
    severity: 'high',
    raisedBy: [{ event: 'patrol.alert', audience: ['centre', { payload: 'agencyId' }] }],
    facts: [
      { name: 'patrolAlert', from: 'kind' },
      { name: 'agency', from: 'agencyId', as: 'agency' },
    ],
    resolvedBy: [{ events: ['patrol.alert_acknowledged'] }],
  },
  {
    // issue 11: the coordination centre handles every alarm (policies/devices.ts), and the police
    // with jurisdiction where the device stands are the ones who go and look
    kind: 'device_alarm',
    severity: 'critical',
    raisedBy: [{ event: 'alarm.raised', audience: ['centre', 'device:jurisdiction'] }],
    facts: [{ name: 'condition', from: 'condition' }],
    resolvedBy: [{ events: ['alarm.acknowledged', 'alarm.cleared', 'alarm.marked_false', 'alarm.shelved'] }],
  },
  {
    // issue 12: a hazard not rectified by its deadline, told once to the centre and the county where it lies
    kind: 'hazard_overdue',
    severity: 'high',
    raisedBy: [{ event: 'hazard.overdue', audience: ['centre', { payload: 'countyId' }] }],
    facts: [
      { name: 'hazard', from: 'code' },
      { name: 'deadline', from: 'deadline' },
      { name: 'railwayOwner', from: 'railwayAgencyId', as: 'agency' },
      { name: 'localOwner', from: 'localAgencyId', as: 'agency' },
    ],
    resolvedBy: [{ events: ['hazard.rectified', 'hazard.closed', 'hazard.rejected'] }],
  },
];

/** Looks kinds up by the events that raise and settle them; refuses a registry that contradicts itself. */
export class AlertKinds {
  private readonly raising = new Map<string, Array<{ kind: AlertKind; audience: AudienceRule[] }>>();
  private readonly settling = new Map<string, Array<{ kind: AlertKind; rule: Resolution }>>();
  private readonly byName = new Map<string, AlertKind>();

  constructor(kinds: readonly AlertKind[] = ALERT_KIND_REGISTRY) {
    for (const k of kinds) {
      if (this.byName.has(k.kind)) throw new Error(`alert kind ${k.kind} is registered twice`);
      if (!k.raisedBy.length) throw new Error(`alert kind ${k.kind} is raised by no event`);
      this.byName.set(k.kind, k);
      for (const r of k.raisedBy) this.raising.set(r.event, [...(this.raising.get(r.event) ?? []), { kind: k, audience: r.audience }]);
      for (const rule of k.resolvedBy ?? []) for (const e of rule.events) this.settling.set(e, [...(this.settling.get(e) ?? []), { kind: k, rule }]);
    }
  }

  raisedBy(eventType: string) {
    return this.raising.get(eventType) ?? [];
  }

  settledBy(eventType: string) {
    return this.settling.get(eventType) ?? [];
  }

  get(kind: string): AlertKind | undefined {
    return this.byName.get(kind);
  }

  all(): AlertKind[] {
    return [...this.byName.values()];
  }
}
