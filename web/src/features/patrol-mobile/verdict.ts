import { CHECK_IN_REFUSALS, type CheckInRefusal } from '@railjoint/contracts';
import type { MessageKey } from '../../app/i18n/zh-CN';
import type { QueueItem } from './queueTypes';

export type Verdict =
  | { kind: 'waiting' }
  | { kind: 'accepted'; late: boolean }
  | { kind: 'refused'; reason: CheckInRefusal | null; message: string }
  | { kind: 'failed'; message: string };

function refusalOf(x: unknown): CheckInRefusal | null {
  const reason = (x as { reason?: unknown } | null | undefined)?.reason;
  return typeof reason === 'string' && (CHECK_IN_REFUSALS as readonly string[]).includes(reason) ? (reason as CheckInRefusal) : null;
}

/** What became of a queued check-in: still on the phone, accepted (late or not), refused with its reason, or not taken. */
export function verdictOf(item: QueueItem): Verdict {
  switch (item.state) {
    case 'waiting':
      return { kind: 'waiting' };
    case 'sent':
      return { kind: 'accepted', late: (item.result as { late?: unknown } | undefined)?.late === true };
    case 'refused':
      return { kind: 'refused', reason: refusalOf(item.result) ?? refusalOf(item.error?.details), message: item.error?.message ?? '' };
    case 'failed':
      return { kind: 'failed', message: item.error?.message || item.error?.code || '' };
  }
}

export function reasonKey(reason: CheckInRefusal): MessageKey {
  return `patrolApp.reason.${reason}` as MessageKey;
}
