import { useState } from 'react';
import type { Incident } from '../../api/incidentSchemas';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { AgencyItem } from '../location-panel/AgencyItem';
import { formatDuration } from '../location-panel/formatDuration';
import { ActionBar } from './ActionBar';
import { ActionDialog, type DialogKind } from './ActionDialog';
import { AgeClock } from './AgeClock';
import { IntervalsList } from './IntervalsList';
import { PriorityBadge } from './PriorityBadge';
import { TimelineList } from './TimelineList';
import { TransferAnswer } from './TransferAnswer';
import { TransferDialog } from './TransferDialog';
import { DispatchPanel } from '../dispatch/DispatchPanel';
import { HandoverPanel } from '../dispatch/HandoverPanel';
import { CommandSection } from '../command/CommandSection';
import { SitrepPanel } from '../reports/SitrepPanel';
import { MessagesPanel } from '../messages/MessagesPanel';
import { useAgencies } from '../dispatch/useAgencies';
import { formatDateTime } from './formatDateTime';
import { placeText } from './placeText';
import { useIncidentDetail } from './useIncidentDetail';
import { useNow } from './useNow';

interface Props {
  id: string;
  version: number;
  openIncidents: Incident[];
  onChanged(): void;
  onBack(): void;
  /** the signed-in user's agency: it may answer a transfer addressed to it */
  userAgencyId: string | null;
}

export function IncidentDetailPanel({ id, version, openIncidents, onChanged, onBack, userAgencyId }: Props) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const now = useNow(1000);
  const { incident: i, error, reload } = useIncidentDetail(id, version);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [transferring, setTransferring] = useState(false);
  const agencies = useAgencies();

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
  const done = () => {
    setDialog(null);
    setTransferring(false);
    reload();
    onChanged();
  };

  return (
    <section className="incident-detail" data-testid="incident-detail" data-state="done" data-id={i.id} aria-labelledby="detail-heading">
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
        <strong>{i.categoryName}</strong> · {t(`channel.${i.channel}` as 'channel.hotline')} · {formatDateTime(i.receivedAt, lang)}
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
          {t('detail.reporter')}：{[i.reporter.name, i.reporter.phone].filter(Boolean).join(' ')}
        </p>
      )}
      <ActionBar incident={i} onDone={done} onDialog={setDialog} onTransfer={() => setTransferring(true)} />
      <TransferAnswer incident={i} userAgencyId={userAgencyId} onDone={done} />
      <CommandSection incident={i} agencies={agencies} userAgencyId={userAgencyId} onDone={done} />
      <MessagesPanel incidentId={i.id} version={version} hasCommand={i.timeline.some((e) => e.action === 'command_opened')} />
      <SitrepPanel incidentId={i.id} version={i.timeline.length} />

      <h3>{t('detail.location')}</h3>
      <dl className="facts">
        <dt>{t('detail.place')}</dt>
        <dd data-testid="detail-place">{placeText(i.location) || t('panel.none')}</dd>
        {i.location.sectionName && (
          <>
            <dt>{t('panel.section')}</dt>
            <dd>{i.location.sectionName}</dd>
          </>
        )}
        {i.placeKind && (
          <>
            <dt>{t('panel.placeKind')}</dt>
            <dd>{t(`place.${i.placeKind}` as 'place.station')}</dd>
          </>
        )}
      </dl>

      <h3>{t('resp.title')}</h3>
      <dl className="facts">
        <dt>{t('resp.lead')}</dt>
        <dd data-testid="detail-lead">{i.lead ? <ul className="agency-list agency-list-lead"><AgencyItem agency={i.lead} /></ul> : <span className="verdict-warn">{t('resp.noLead')}</span>}</dd>
        <dt>{t('resp.support')}</dt>
        <dd>{i.support.length ? <ul className="agency-list">{i.support.map((a) => <AgencyItem key={a.agencyId} agency={a} />)}</ul> : <span className="muted">{t('resp.nobody')}</span>}</dd>
        <dt>{t('resp.inform')}</dt>
        <dd>{i.inform.length ? <ul className="agency-list">{i.inform.map((a) => <AgencyItem key={a.agencyId} agency={a} />)}</ul> : <span className="muted">{t('resp.nobody')}</span>}</dd>
        <dt>{t('resp.timeLimit')}</dt>
        <dd>{formatDuration(i.timeLimitS, t)}</dd>
      </dl>
      {i.reasons.length > 0 && (
        <ol className="reasons">
          {i.reasons.map((r, n) => (
            <li key={`${r.code}-${n}`}>{r.text}</li>
          ))}
        </ol>
      )}

      {i.location.train && !['closed', 'merged', 'cancelled'].includes(i.status) && <HandoverPanel incident={i} onDone={done} />}
      <DispatchPanel incident={i} agencies={agencies} onDone={done} />

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
