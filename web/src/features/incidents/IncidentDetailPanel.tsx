import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../api/incidentSchemas';
import { queryKeys } from '../../api/queryClient';
import { useErrorText } from '../../api/useErrorText';
import { usePlatformNow } from '../../api/usePlatformNow';
import { useT } from '../../app/i18n/useT';
import { ActionBar } from './ActionBar';
import { ActionDialog, type DialogKind } from './ActionDialog';
import { AgeClock } from './AgeClock';
import { IncidentFacts } from './IncidentFacts';
import { IntervalsList } from './IntervalsList';
import { PriorityBadge } from './PriorityBadge';
import { TimelineList } from './TimelineList';
import { TransferAnswer } from './TransferAnswer';
import { TransferDialog } from './TransferDialog';
import { DispatchPanel } from '../dispatch/DispatchPanel';
import { HandoverPanel } from '../dispatch/HandoverPanel';
import { TrainsNearPanel } from '../trains-near/TrainsNearPanel';
import { IncidentCameras } from '../devices/IncidentCameras';
import { CommandSection } from '../command/CommandSection';
import { SitrepPanel } from '../reports/SitrepPanel';
import { MessagesPanel } from '../messages/MessagesPanel';
import { IncidentBulletins } from '../bulletins/IncidentBulletins';
import { useAgencies } from '../dispatch/useAgencies';
import { formatDateTime } from './formatDateTime';
import { placeText } from './placeText';
import { useIncidentDetail } from './useIncidentDetail';
import { useCategoryName } from './useCategoryName';

interface Props {
  id: string;
  openIncidents: Incident[];
  onBack(): void;
  /** the signed-in user's agency: it may answer a transfer addressed to it */
  userAgencyId: string | null;
}

const FINISHED = ['closed', 'merged', 'cancelled'];

/**
 * One incident, in the order a dispatcher works it: what and how urgent, who to send (at the top),
 * the next status step, then where and who answers for it, command, messages, reports, the record.
 */
export function IncidentDetailPanel({ id, openIncidents, onBack, userAgencyId }: Props) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const now = usePlatformNow(1000);
  const { data: i, error } = useIncidentDetail(id);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [transferring, setTransferring] = useState(false);
  const agencies = useAgencies();
  const categoryName = useCategoryName();

  if (!i) {
    return (
      <section className="incident-detail" data-testid="incident-detail" data-state={error ? 'error' : 'loading'}>
        <button type="button" className="btn btn-quiet" onClick={onBack}>
          {t('detail.back')}
        </button>
        {error ? (
          <p className="notice notice-error" role="alert">
            {errorText(error)}
          </p>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </section>
    );
  }
  const stopped = i.times?.closedAt ?? i.times?.clearedAt ?? (['merged', 'cancelled'].includes(i.status) ? (i.timeline.at(-1)?.at ?? null) : null);
  const codeOf = (x: string) => openIncidents.find((o) => o.id === x)?.code ?? x.slice(0, 8);
  const dupIds = new Set(i.likelyDuplicates.map((d) => d.id));
  const mergeTargets = [
    ...i.likelyDuplicates.map((d) => ({ id: d.id, label: `${codeOf(d.id)} · ${t('incident.likelyDuplicate')}` })),
    ...openIncidents.filter((o) => o.id !== i.id && !dupIds.has(o.id) && o.category === i.category).map((o) => ({ id: o.id, label: `${o.code} · ${placeText(o.location)}` })),
  ];
  // an own change: read the incident and the queue now rather than wait for the live event
  const done = () => {
    setDialog(null);
    setTransferring(false);
    void client.invalidateQueries({ queryKey: queryKeys.incident(i.id) }, { cancelRefetch: false });
    void client.invalidateQueries({ queryKey: queryKeys.incidentList }, { cancelRefetch: false });
  };

  return (
    <section className="incident-detail" data-testid="incident-detail" data-state="done" data-id={i.id} data-code={i.code} aria-labelledby="detail-heading">
      <button type="button" className="btn btn-quiet" data-testid="detail-back" onClick={onBack}>
        {t('detail.back')}
      </button>
      <header className="detail-head">
        <PriorityBadge priority={i.priority} />
        <h2 id="detail-heading" className="mono">
          {i.code}
        </h2>
        <span className={`status-chip status-${i.status}`} data-testid="incident-status" data-status={i.status}>
          {t(`status.${i.status}`)}
        </span>
        <AgeClock receivedAt={i.receivedAt} limitS={i.timeLimitS} now={now} stoppedAt={stopped} />
      </header>
      <p className="detail-category">
        <strong>{categoryName(i)}</strong> · {placeText(i.location)} · {t(`channel.${i.channel}` as 'channel.hotline')} · {formatDateTime(i.receivedAt, lang)}
      </p>
      {i.priorityReasons.length > 0 && (
        <ul className="priority-reasons" data-testid="priority-reasons" aria-label={t('detail.priorityWhy')}>
          {i.priorityReasons.map((r, n) => (
            <li key={`${r.code}-${n}`} data-code={r.code}>
              {lang === 'zh-CN' ? r.zh : r.en}
            </li>
          ))}
        </ul>
      )}
      <p className="detail-description">{i.description}</p>
      {i.reporter && (i.reporter.name || i.reporter.phone) && (
        <p className="muted">
          {t('detail.reporter')}{t('form.colon')}{[i.reporter.name, i.reporter.phone].filter(Boolean).join(' ')}
        </p>
      )}
      <TransferAnswer incident={i} userAgencyId={userAgencyId} onDone={done} />
      <DispatchPanel key={i.id} incident={i} agencies={agencies} onDone={done} />
      {i.location.train && !FINISHED.includes(i.status) && <HandoverPanel incident={i} onDone={done} />}
      {i.location.lineId && i.location.mileage && !FINISHED.includes(i.status) && <TrainsNearPanel incident={i} />}
      <ActionBar incident={i} onDone={done} onDialog={setDialog} onTransfer={() => setTransferring(true)} />
      <IncidentCameras incidentId={i.id} />

      <IncidentFacts incident={i} />
      <CommandSection incident={i} agencies={agencies} userAgencyId={userAgencyId} onDone={done} />
      <MessagesPanel incidentId={i.id} hasCommand={i.timeline.some((e) => e.action === 'command_opened')} />
      <SitrepPanel incidentId={i.id} />
      <IncidentBulletins incidentId={i.id} incidentCode={i.code} />

      <h3>{t('detail.intervals')}</h3>
      <IntervalsList intervals={i.intervals} />

      <h3>
        {t('detail.timeline')} <span className="muted">({i.timeline.length})</span>
      </h3>
      <TimelineList entries={i.timeline} />

      {transferring && <TransferDialog incident={i} agencies={agencies} onDone={done} onClose={() => setTransferring(false)} />}
      {dialog && <ActionDialog kind={dialog} incident={i} mergeTargets={mergeTargets} onDone={done} onClose={() => setDialog(null)} />}
    </section>
  );
}
