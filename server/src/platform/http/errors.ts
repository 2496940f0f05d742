import type { ZodError } from 'zod';
import { formatPath } from '@railjoint/contracts';
import { issueZh } from './field-wording.js';

/** An error meant for the client: its status, code and message are sent as they are. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new HttpError(400, code, message, details);
export const unauthorized = (message = 'sign in first') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'not allowed') => new HttpError(403, 'forbidden', message);
/** Also used where a thing exists but the caller may not see it: hiding existence is the point. */
export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) => new HttpError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) => new HttpError(422, code, message, details);

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Every failed field of a zod error, each named by its full path (e.g. `body.points.3.1`), its
 * message in the reader's language.
 */
export function fieldErrors(error: ZodError, root: string, lang: 'zh-CN' | 'en' = 'en'): FieldError[] {
  return error.issues.map((issue) => ({
    field: formatPath(issue.path, root),
    message: lang === 'zh-CN' ? issueZh(issue) : issue.message,
  }));
}

export function validationError(fields: FieldError[], lang: 'zh-CN' | 'en' = 'en'): HttpError {
  const names = [...new Set(fields.map((f) => f.field))];
  if (lang === 'zh-CN') {
    const shown = names.slice(0, 5).join('、') + (names.length > 5 ? ` 等 ${names.length} 项` : '');
    return new HttpError(400, 'validation_failed', `${shown} 有误：${fields[0]?.message ?? ''}`, { fields });
  }
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  return new HttpError(400, 'validation_failed', `invalid ${shown}: ${fields[0]?.message ?? ''}`.trim(), { fields });
}
