import type { IncidentDetail } from '../../api/incidentSchemas';

export interface PendingTransfer {
  to: string;
  toName: string;
  reason: string;
}

/** The transfer an incident in status 'transferred' waits on: the last 'transfer' entry of its timeline. */
export function pendingTransfer(incident: IncidentDetail): PendingTransfer | null {
  if (incident.status !== 'transferred') return null;
  const entry = [...incident.timeline].reverse().find((e) => e.action === 'transfer');
  const d = (entry?.detail ?? null) as Record<string, unknown> | null;
  if (!d || typeof d.to !== 'string') return null;
  return { to: d.to, toName: typeof d.toName === 'string' ? d.toName : d.to, reason: typeof d.reason === 'string' ? d.reason : '' };
}
