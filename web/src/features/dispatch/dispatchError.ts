import { ApiError } from '../../api/errors';

/**
 * A refused dispatch names each unit in `body.units[i]` with why it cannot go, worded by the
 * server in the console's language with the unit's name; a message without one gets the name here.
 */
export function dispatchErrorText(err: unknown, sent: string[], unitName: (id: string) => string, fallback: (e: unknown) => string): string {
  const fields = err instanceof ApiError ? (err.details as { fields?: Array<{ field?: unknown; message?: unknown }> } | undefined)?.fields : undefined;
  const named = (fields ?? []).map((f) => {
    const n = /units\[(\d+)\]/.exec(String(f.field ?? ''));
    const unit = n ? sent[Number(n[1])] : undefined;
    const message = String(f.message ?? '');
    const name = unit ? unitName(unit) : '';
    return name && !message.includes(name) ? `${name}：${message}` : message;
  });
  return named.length ? named.join('；') : fallback(err);
}
