import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Meeting } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';
import { uuid } from '../../api/uuid';
import { formatDateTime } from '../incidents/formatDateTime';

const documentUrl = (meetingId: string, documentId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/documents/${encodeURIComponent(documentId)}`;

async function tableDocument(meetingId: string, file: File) {
  return request('POST', `/api/meetings/${encodeURIComponent(meetingId)}/documents`, {
    query: { documentId: uuid() },
    file: { data: await file.arrayBuffer(), contentType: file.type || 'application/octet-stream', name: file.name },
    schema: Meeting,
  });
}

/** The papers tabled at the meeting, each by the agency that brought it; the centre and invited agencies add theirs. */
export function MeetingDocuments({ meeting, mayAdd }: { meeting: Meeting; mayAdd: boolean }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => tableDocument(meeting.id, file),
    onSuccess: (m) => client.setQueryData([...queryKeys.meetings, 'detail', meeting.id], m),
  });
  return (
    <section data-testid="meeting-documents">
      <h3>{t('meetings.documents')}</h3>
      {meeting.documents.length === 0 && <p className="muted">{t('meetings.documents.none')}</p>}
      <ul>
        {meeting.documents.map((d) => (
          <li key={d.id} data-testid="meeting-document">
            <a href={documentUrl(meeting.id, d.id)} download={d.name}>
              {d.name}
            </a>{' '}
            <span className="muted">
              {d.agencyName} · {formatDateTime(d.uploadedAt, lang)}
            </span>
          </li>
        ))}
      </ul>
      {mayAdd && (
        <label className="btn hazard-photo-add">
          {upload.isPending ? t('meetings.documents.uploading') : t('meetings.documents.add')}
          <input
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            data-testid="meeting-document-input"
            disabled={upload.isPending}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) upload.mutate(file);
            }}
          />
        </label>
      )}
      {upload.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(upload.error)}
        </p>
      )}
    </section>
  );
}
