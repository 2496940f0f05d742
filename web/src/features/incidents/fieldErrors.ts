import { ApiError } from '../../api/errors';

export type FormField = 'category' | 'channel' | 'location' | 'description' | 'reporter' | 'general';

/** `{details:{fields:[{field:'body.location.mileage',message}]}}` sorted onto the form's fields. */
export function fieldErrors(error: unknown): Partial<Record<FormField, string>> | null {
  if (!(error instanceof ApiError)) return null;
  const fields = (error.details as { fields?: Array<{ field?: unknown; message?: unknown }> } | undefined)?.fields;
  if (!Array.isArray(fields) || fields.length === 0) return null;
  const out: Partial<Record<FormField, string>> = {};
  for (const f of fields) {
    const path = String(f.field ?? '').replace(/^body\.?/, '');
    const head = path.split('.')[0] ?? '';
    const key: FormField = (['category', 'channel', 'location', 'description', 'reporter'] as const).find((k) => k === head) ?? 'general';
    const message = String(f.message ?? '');
    out[key] = out[key] ? `${out[key]}；${message}` : message;
  }
  return out;
}
