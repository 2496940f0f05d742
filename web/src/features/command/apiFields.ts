import { ApiError } from '../../api/errors';

/**
 * The server's `details.fields` (`[{field:'body.members[3].role', message}]`) keyed by path without
 * the `body.` prefix, so each form can put the message beside the input it is about.
 */
export function apiFields(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields = (error.details as { fields?: Array<{ field?: unknown; message?: unknown }> } | undefined)?.fields;
  if (!Array.isArray(fields)) return {};
  const out: Record<string, string> = {};
  for (const f of fields) {
    const path = String(f.field ?? '').replace(/^body\.?/, '');
    const message = String(f.message ?? '');
    out[path] = out[path] ? `${out[path]}；${message}` : message;
  }
  return out;
}

