import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FindingList, Hazard, HAZARD_SEVERITIES, HAZARD_TYPES, type FindingListItem, type HazardSeverity, type HazardType } from '@railjoint/contracts';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { useCategories } from '../location-panel/useCategories';

/**
 * Patrol findings not yet registered as hazards (巡防发现): the centre or the team's agency turns
 * one into a hazard with its type and severity; place, photos and finder come from the finding.
 */
export function FindingsToRegister({ onRegistered }: { onRegistered(hazardId: string): void }) {
  const { t, lang } = useT();
  const list = useQuery({ queryKey: [...queryKeys.hazards, 'findings'], queryFn: ({ signal }) => request('GET', '/api/findings', { query: { hazard: 'none', limit: 50 }, schema: FindingList, signal }) });
  const { categories } = useCategories();
  const findings = list.data?.findings ?? [];
  if (!findings.length) return null;
  const categoryName = (id: string) => {
    const c = categories.find((x) => x.id === id);
    return c ? (lang === 'en' ? c.nameEn : c.nameZh) : id;
  };
  return (
    <details className="hazard-findings" data-testid="hazard-findings" open>
      <summary>{t('hazards.findings.title', { n: findings.length })}</summary>
      <ul>
        {findings.map((f) => (
          <FindingRow key={f.id} finding={f} category={categoryName(f.category)} when={formatDateTime(f.receivedAt, lang)} onRegistered={onRegistered} />
        ))}
      </ul>
    </details>
  );
}

function FindingRow({ finding, category, when, onRegistered }: { finding: FindingListItem; category: string; when: string; onRegistered(id: string): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<HazardType>('broken_fence');
  const [severity, setSeverity] = useState<HazardSeverity>('major');
  const save = useMutation({
    mutationFn: () => request('POST', `/api/findings/${encodeURIComponent(finding.id)}/hazard`, { body: { type, severity }, schema: Hazard }),
    onSuccess: (h) => {
      void client.invalidateQueries({ queryKey: queryKeys.hazards });
      onRegistered(h.id);
    },
  });
  return (
    <li data-testid="hazard-finding" data-finding={finding.id}>
      <div>
        <strong>{category}</strong> · {finding.teamName} · {when}
        {finding.photos.length > 0 && <span className="muted"> · {t('hazards.findings.photos', { n: finding.photos.length })}</span>}
      </div>
      <div className="hazard-text">{finding.description}</div>
      {!open ? (
        <button type="button" className="btn" data-testid="hazard-finding-register" onClick={() => setOpen(true)}>
          {t('hazards.findings.register')}
        </button>
      ) : (
        <div className="hazards-head">
          <select aria-label={t('hazards.form.type')} data-testid="hazard-finding-type" value={type} onChange={(e) => setType(e.target.value as HazardType)}>
            {HAZARD_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`hazards.type.${x}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('hazards.form.severity')} data-testid="hazard-finding-severity" value={severity} onChange={(e) => setSeverity(e.target.value as HazardSeverity)}>
            {HAZARD_SEVERITIES.map((x) => (
              <option key={x} value={x}>
                {t(`hazards.severity.${x}`)}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-primary" data-testid="hazard-finding-save" disabled={save.isPending} onClick={() => save.mutate()}>
            {t('hazards.findings.save')}
          </button>
        </div>
      )}
      {save.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(save.error)}
        </p>
      )}
    </li>
  );
}
