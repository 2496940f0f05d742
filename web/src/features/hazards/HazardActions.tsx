import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HazardActionName, HazardDetail } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { queryKeys } from '../../api/queryClient';
import { actOnHazard } from './hazardApi';

/**
 * The steps the reader's agency may take now, as the server offers them (its part — finder, section
 * chief, centre — and the status): one note for all of them, a reason required to reject.
 */
export function HazardActions({ hazard }: { hazard: HazardDetail }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const step = useMutation({
    mutationFn: (action: HazardActionName) => actOnHazard(hazard.id, action, action === 'reject' ? { reason: note } : { note }),
    onSuccess: (detail) => {
      setNote('');
      client.setQueryData([...queryKeys.hazards, 'detail', hazard.id], detail);
      void client.invalidateQueries({ queryKey: queryKeys.hazards });
    },
  });
  if (hazard.actions.length === 0) return <p className="muted hazard-actions-none">{t('hazards.act.none')}</p>;
  const needsAfter = hazard.actions.includes('rectify') && !hazard.photos.some((p) => p.phase === 'after');
  const rejecting = hazard.actions.includes('reject');
  return (
    <section className="hazard-actions" data-testid="hazard-actions">
      <label className="field">
        <span>{rejecting ? t('hazards.act.noteOrReason') : t('hazards.act.note')}</span>
        <textarea data-testid="hazard-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {needsAfter && <p className="notice notice-warn">{t('hazards.act.needAfter')}</p>}
      <div className="hazard-action-buttons">
        {hazard.actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'reject' || a === 'fail_verification' ? 'btn' : 'btn btn-primary'}
            data-testid={`hazard-act-${a}`}
            disabled={step.isPending || (a === 'reject' && !note.trim()) || (a === 'rectify' && needsAfter)}
            title={a === 'reject' && !note.trim() ? t('hazards.act.reason') : undefined}
            onClick={() => step.mutate(a)}
          >
            {t(`hazards.act.${a}`)}
          </button>
        ))}
        {step.isPending && <span className="muted">{t('hazards.act.busy')}</span>}
      </div>
      {step.error != null && (
        <p className="notice notice-error" role="alert" data-testid="hazard-act-error">
          {errorText(step.error)}
        </p>
      )}
    </section>
  );
}
