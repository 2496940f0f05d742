import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ZodType } from 'zod';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { request } from '../../api/client';
import { uuid } from '../../api/uuid';
import './attachments.css';

/**
 * Sends one file as its own bytes under a fresh id (`idParam`): the server stores a file once per
 * id, so the id is what makes the upload safe to repeat.
 */
export async function sendFile<T>(o: { path: string; idParam: string; query?: Record<string, string>; file: File; schema: ZodType<T> }): Promise<T> {
  return request('POST', o.path, {
    query: { ...o.query, [o.idParam]: uuid() },
    file: { data: await o.file.arrayBuffer(), contentType: o.file.type || 'application/octet-stream', name: o.file.name },
    schema: o.schema,
  });
}

/** One upload at a time for a record, to one of its places (`Target`: a phase, an item…). */
export interface FileUpload<Target extends string> {
  readonly accept: string;
  readonly camera: boolean;
  readonly busy: boolean;
  readonly error: unknown;
  uploadingTo(target: Target): boolean;
  start(target: Target, file: File): void;
}

export function useFileUpload<Target extends string, Result>(o: {
  /**
   * Whose files these are. The panels keep their components when another record is chosen, so the
   * upload state is kept per owner: an upload still running, or refused, for one record is not
   * shown under the next.
   */
  owner: readonly string[];
  /** the types offered by the picker; the server judges the content itself */
  accept: string;
  /** offers the back camera on a phone, for photos of what is in front of the user */
  camera?: boolean;
  send: (target: Target, file: File) => Promise<Result>;
  /** given the record as the server now has it: file it under its own id, never the one on screen */
  onUploaded: (result: Result) => void;
}): FileUpload<Target> {
  const m = useMutation({
    mutationKey: ['file-upload', ...o.owner],
    mutationFn: ({ target, file }: { target: Target; file: File }) => o.send(target, file),
    onSuccess: (result) => o.onUploaded(result),
  });
  return {
    accept: o.accept,
    camera: o.camera ?? false,
    busy: m.isPending,
    error: m.error,
    uploadingTo: (target) => m.isPending && m.variables?.target === target,
    start: (target, file) => m.mutate({ target, file }),
  };
}

export interface ListedFile {
  id: string;
  href: string;
  /** the link's text, or a thumbnail's alternative text */
  name: string;
  /** said after the name (who added it, when) */
  note?: ReactNode;
}

/**
 * The files in one place of a record, and the button that adds one there: photos as thumbnails
 * that open the full picture, documents by name, downloaded under it.
 */
export function FileUploadList<Target extends string>(p: {
  upload: FileUpload<Target>;
  target: Target;
  files: readonly ListedFile[];
  show: 'thumbnails' | 'names';
  fileTestId: string;
  emptyText?: string;
  /** the button where the reader may add a file here */
  add?: { text: string; testId: string } | false;
}) {
  const { t } = useT();
  const { upload, target } = p;
  return (
    <>
      {p.emptyText !== undefined && p.files.length === 0 && <p className="muted">{p.emptyText}</p>}
      {p.show === 'thumbnails' ? (
        <div className="file-thumbnails">
          {p.files.map((f) => (
            <a key={f.id} href={f.href} target="_blank" rel="noreferrer">
              <img className="file-thumbnail" src={f.href} alt={f.name} loading="lazy" data-testid={p.fileTestId} />
            </a>
          ))}
        </div>
      ) : (
        <ul>
          {p.files.map((f) => (
            <li key={f.id} data-testid={p.fileTestId}>
              <a href={f.href} download={f.name}>
                {f.name}
              </a>
              {f.note != null && (
                <>
                  {' '}
                  <span className="muted">{f.note}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.add && (
        <label className="btn file-add">
          {upload.uploadingTo(target) ? t('attachments.uploading') : p.add.text}
          <input
            type="file"
            accept={upload.accept}
            capture={upload.camera ? 'environment' : undefined}
            data-testid={p.add.testId}
            disabled={upload.busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              // cleared so that choosing the same file again (after a refusal) uploads it again
              e.target.value = '';
              if (file) upload.start(target, file);
            }}
          />
        </label>
      )}
    </>
  );
}

/** Why the last upload was refused, in the reader's language. */
export function UploadError({ upload }: { upload: { readonly error: unknown } }) {
  const errorText = useErrorText();
  if (upload.error == null) return null;
  return (
    <p className="notice notice-error" role="alert">
      {errorText(upload.error)}
    </p>
  );
}
