import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BRIEFING_KINDS, lastPeriod, type BriefingKind } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { queryKeys } from '../../api/queryClient';
import { platformNow } from '../../api/platformClock';
import { makeBriefing } from './briefingApi';

/** The centre makes a briefing by hand: a kind and a period that is over (the last one offered). */
export function GenerateForm({ onDone }: { onDone(id: string | null): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [kind, setKind] = useState<BriefingKind>('daily');
  const [period, setPeriod] = useState(() => lastPeriod('daily', platformNow()));
  const make = useMutation({
    mutationFn: () => makeBriefing({ kind, period: period.trim() }),
    onSuccess: (b) => {
      void client.invalidateQueries({ queryKey: queryKeys.briefings });
      void client.invalidateQueries({ queryKey: queryKeys.bulletins });
      onDone(b.id);
    },
  });
  return (
    <form
      className="hazard-form"
      data-testid="briefing-form"
      onSubmit={(e) => {
        e.preventDefault();
        make.mutate();
      }}
    >
      <h2>{t('briefings.generate')}</h2>
      <div className="hazard-form-grid">
        <label className="field">
          <span>{t('briefings.generate.kind')}</span>
          <select
            data-testid="briefing-kind"
            value={kind}
            onChange={(e) => {
              const k = e.target.value as BriefingKind;
              setKind(k);
              setPeriod(lastPeriod(k, platformNow()));
            }}
          >
            {BRIEFING_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`briefings.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('briefings.generate.period')}</span>
          <input data-testid="briefing-period" value={period} onChange={(e) => setPeriod(e.target.value)} title={t('briefings.generate.periodHint')} />
        </label>
      </div>
      {make.error != null && (
        <p className="notice notice-error" role="alert" data-testid="briefing-error">
          {errorText(make.error)}
        </p>
      )}
      <div className="hazard-action-buttons">
        <button type="submit" className="btn btn-primary" data-testid="briefing-submit" disabled={make.isPending}>
          {make.isPending ? t('briefings.generate.busy') : t('briefings.generate.submit')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          {t('briefings.generate.cancel')}
        </button>
      </div>
    </form>
  );
}
