import { useQueryClient } from '@tanstack/react-query';
import { Meeting } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { queryKeys } from '../../api/queryClient';
import { formatDateTime } from '../incidents/formatDateTime';
import { FileUploadList, UploadError, sendFile, useFileUpload } from '../attachments/FileUploadList';

const documentsPath = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/documents`;

/** The papers tabled at the meeting, each by the agency that brought it; the centre and invited agencies add theirs. */
export function MeetingDocuments({ meeting, mayAdd }: { meeting: Meeting; mayAdd: boolean }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const upload = useFileUpload({
    owner: ['meeting', meeting.id],
    accept: 'application/pdf,image/jpeg,image/png',
    send: (_: 'papers', file) => sendFile({ path: documentsPath(meeting.id), idParam: 'documentId', file, schema: Meeting }),
    onUploaded: (m) => client.setQueryData([...queryKeys.meetings, 'detail', m.id], m),
  });
  return (
    <section data-testid="meeting-documents">
      <h3>{t('meetings.documents')}</h3>
      <FileUploadList
        upload={upload}
        target="papers"
        files={meeting.documents.map((d) => ({ id: d.id, href: `${documentsPath(meeting.id)}/${encodeURIComponent(d.id)}`, name: d.name, note: `${d.agencyName} · ${formatDateTime(d.uploadedAt, lang)}` }))}
        show="names"
        fileTestId="meeting-document"
        emptyText={t('meetings.documents.none')}
        add={mayAdd && { text: t('meetings.documents.add'), testId: 'meeting-document-input' }}
      />
      <UploadError upload={upload} />
    </section>
  );
}
