import { ApiError } from '../../api/errors';

/** A refused dispatch names `body.units[i]`: say which unit, by name, and why. */
export function dispatchErrorText(err: unknown, sent: string[], unitName: (id: string) => string, fallback: (e: unknown) => string): string {
  const fields = err instanceof ApiError ? (err.details as { fields?: Array<{ field?: unknown; message?: unknown }> } | undefined)?.fields : undefined;
  const named = (fields ?? []).map((f) => {
    const n = /units\[(\d+)\]/.exec(String(f.field ?? ''));
    const unit = n ? sent[Number(n[1])] : undefined;
    return `${unit ? `${unitName(unit)}：` : ''}${String(f.message ?? '')}`;
  });
  return named.length ? named.join('；') : fallback(err);
}
