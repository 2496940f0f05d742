import type { Bulletin, Distribution } from '@railjoint/contracts';
import type { BulletinRow } from './store.js';

export function presentBulletin(
  row: BulletinRow,
  extra: { senderName: string; authorName: string; incident: { id: string; code: string } | null; now: string; myAck: { acknowledgedAt: string | null } | null; attachments: Array<{ id: string; name: string; content_type: string; size: number; sha256: string }> },
): Bulletin {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as Bulletin['kind'],
    title: row.title,
    body: row.body,
    instruction: row.instruction,
    classification: row.classification as Bulletin['classification'],
    status: row.status as Bulletin['status'],
    senderAgencyId: row.sender_agency_id,
    senderAgencyName: extra.senderName,
    createdBy: row.created_by,
    createdByName: extra.authorName,
    createdAt: row.created_at,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    current: row.status === 'published' && row.valid_from <= extra.now && row.valid_until >= extra.now,
    urgency: row.urgency as Bulletin['urgency'],
    severity: row.severity as Bulletin['severity'],
    certainty: row.certainty as Bulletin['certainty'],
    // stored with the stretches' descriptions (for CAP); the API shows the distribution as asked for
    distribution: (({ agencies, areas, roles }: Distribution) => ({ agencies, areas, roles }))(JSON.parse(row.distribution) as Distribution),
    source: row.source as Bulletin['source'],
    capIdentifier: row.cap_identifier,
    incident: extra.incident,
    myAcknowledgement: extra.myAck,
    attachments: extra.attachments.map((a) => ({ id: a.id, name: a.name, contentType: a.content_type, size: Number(a.size), sha256: a.sha256 })),
  };
}
