import type { FastifyRequest } from 'fastify';
import { HttpError, validationError, said, fieldError } from '../../platform/http/errors.js';
import { ALLOWED_ATTACHMENT_TYPES, ATTACHMENT_LIMIT, cleanFileName, sniffAttachment } from './attachment-rules.js';

/** An uploaded file as the routes receive it: its bytes, the declared type and the X-Filename. */
export interface UploadedFile {
  bytes: Buffer;
  declaredType: string;
  name: string | null;
}

/**
 * The raw body of an attachment upload (bulletins, messages, tasks). Anything the content-type
 * parsers did not hand over as bytes was sent as some other type: 415.
 */
export function uploadedFile(body: unknown, request: FastifyRequest, accepted = 'image/jpeg, image/png or application/pdf'): UploadedFile {
  if (!Buffer.isBuffer(body)) throw new HttpError(415, 'unsupported_media_type', said(`请直接以文件作为请求内容发送（${accepted}）`, `send the file itself as the body, as ${accepted}`));
  return {
    bytes: body,
    declaredType: String(request.headers['content-type'] ?? '').split(';')[0]!.trim(),
    name: cleanFileName(request.headers['x-filename'] as string | undefined),
  };
}

/**
 * The one check every attachment passes: a name, the size limit, an allowed type judged by the
 * content, and a declared type (unless octet-stream) that says the same. Returns the name and the
 * type to store.
 */
export function acceptAttachment(file: UploadedFile): { name: string; type: string } {
  if (!file.name) throw validationError([fieldError('headers.x-filename', '须提供文件名（URL 编码）', 'the file name (URL-encoded) is required')]);
  if (file.bytes.length > ATTACHMENT_LIMIT) throw new HttpError(413, 'attachment_too_large', said(`附件不能超过 ${ATTACHMENT_LIMIT / 1024 / 1024} MB`, `attachments are limited to ${ATTACHMENT_LIMIT / 1024 / 1024} MB`));
  const type = sniffAttachment(file.bytes);
  if (!type) throw new HttpError(415, 'forbidden_file_type', said(`只能附加 ${ALLOWED_ATTACHMENT_TYPES.join('、')} 文件（按文件内容判断）`, `only ${ALLOWED_ATTACHMENT_TYPES.join(', ')} may be attached (judged by content)`));
  if (file.declaredType !== 'application/octet-stream' && file.declaredType !== type) throw new HttpError(415, 'type_mismatch', said(`声明的类型为 ${file.declaredType}，但文件内容是 ${type}`, `declared ${file.declaredType} but the content is ${type}`));
  return { name: file.name, type };
}
