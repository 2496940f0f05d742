import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Agency } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import type { IncidentDetail } from '../../api/incidentSchemas';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { DialogFooter } from './DialogFooter';

interface Props {
  incident: IncidentDetail;
  agencies: Agency[];
  onDone(): void;
  onClose(): void;
}

/** County bureaus first (the usual receivers), then the rest, each group by name. */
function ordered(agencies: Agency[], excludeId: string | null): Agency[] {
  const rank = (a: Agency) => (a.type === 'county_police_bureau' ? 0 : 1);
  return agencies.filter((a) => a.id !== excludeId).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** 移交: hand the incident to another agency, which must accept it. */
export function TransferDialog({ incident, agencies, onDone, onClose }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choices = useMemo(() => {
    const q = search.trim().toLowerCase();
    return ordered(agencies, incident.lead?.agencyId ?? null).filter((a) => !q || a.name.toLowerCase().includes(q) || a.id.toLowerCase().includes(q));
  }, [agencies, search, incident.lead]);

  useEffect(() => searchRef.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!to || !reason.trim()) {
      setError(t('dialog.incomplete'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.transfer(incident.id, to, reason.trim());
      onDone();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="transfer-title" data-testid="transfer-dialog" onSubmit={submit}>
        <h3 id="transfer-title">
          {t('action.transfer')} · <span className="mono">{incident.code}</span>
        </h3>
        <label className="field">
          <span>{t('transfer.search')}</span>
          <input ref={searchRef} type="search" data-testid="transfer-search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('transfer.agency')}</span>
          <select data-testid="transfer-agency" value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('transfer.choose')}</option>
            {choices.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('transfer.reason')}</span>
          <textarea data-testid="transfer-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <DialogFooter error={error} busy={busy} onClose={onClose} />
      </form>
    </div>
  );
}
