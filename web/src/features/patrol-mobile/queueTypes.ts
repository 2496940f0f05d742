/**
 * What the phone keeps while it has no signal: every write of a patrol, in the order it was made,
 * each under an id made on the phone (the server's once-only key), with the phone's time.
 */
export const QUEUE_KINDS = ['start', 'track', 'check_in', 'finding', 'finish', 'photo'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/**
 * waiting: not yet answered by the server; sent: written (or answered as already written);
 * refused: kept by the server as refused (a check-in that failed a factor); failed: the server
 * will not take it as it is (wrong team, bad data) — sending it again would change nothing.
 */
export type QueueState = 'waiting' | 'sent' | 'refused' | 'failed';

export interface QueueError {
  code: string;
  message: string;
  details?: unknown;
}

export interface QueueItem {
  /** the order the phone made them in (IndexedDB's key) */
  seq?: number;
  /** the account that made it: only that account sends it */
  owner: string;
  kind: QueueKind;
  /** the write's own id (a photo's: the photo id) */
  id: string;
  patrolId: string;
  /** what the route takes; a photo: { findingId } with its bytes in the photo store */
  body: Record<string, unknown>;
  /** the phone's time it was made */
  createdAt: string;
  state: QueueState;
  attempts: number;
  answeredAt?: string;
  /** the server's answer: the check-in with its factors, the finding… */
  result?: unknown;
  error?: QueueError;
}

export interface StoredPhoto {
  id: string;
  findingId: string;
  blob: Blob;
  contentType: string;
  name: string;
}

/** The patrol under way on this phone, kept so a reload or a restart of the phone resumes it. */
export interface ActivePatrol {
  id: string;
  owner: string;
  teamId: string;
  teamName: string;
  dutyId: string | null;
  planName: string | null;
  mode: string;
  startedAt: string;
  checkpoints: Array<{ id: string; name: string; seq: number; coordinates: [number, number]; radiusM: number; mileage: string | null }>;
}
