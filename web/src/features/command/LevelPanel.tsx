import type { Agency, LevelState } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { LevelBadge } from './LevelBadge';
import { LevelChangeForm } from './LevelChangeForm';
import { SituationForm } from './SituationForm';

interface Props {
  incidentId: string;
  state: LevelState;
  agencies: Agency[];
  /** closed, cancelled or merged incidents show the level but take no reports */
  editable: boolean;
  onChanged(state: LevelState): void;
}

/** 响应等级: the level, what the rules call for and why, the facts behind it, and who was told. */
export function LevelPanel({ incidentId, state, agencies, editable, onChanged }: Props) {
  const { t, lang, num } = useT();
  const name = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  const f = state.facts;
  return (
    <section className="level-panel" data-testid="level-panel" data-level={state.level} data-set-by={state.setBy}>
      <div className="level-head">
        <LevelBadge level={state.level} large />
        <div className="level-head-text">
          <strong>{t(`level.name.${state.level}`)}</strong>
          <span className="muted">
            {t(state.setBy === 'commander' ? 'level.setByCommander' : 'level.setByRules')} · {formatDateTime(state.changedAt, lang)}
          </span>
          {state.ruleLevel !== state.level && (
            <span className="level-rule" data-testid="rule-level" data-level={state.ruleLevel}>
              {t('level.ruleLevel', { level: state.ruleLevel })}
            </span>
          )}
        </div>
      </div>
      {state.reasons.length > 0 && (
        <ul className="level-reasons" data-testid="level-reasons" aria-label={t('level.why')}>
          {state.reasons.map((r, n) => (
            <li key={`${r.code}-${n}`} data-code={r.code} data-level={r.level}>
              <LevelBadge level={r.level} /> {lang === 'zh-CN' ? r.zh : r.en}
            </li>
          ))}
        </ul>
      )}
      <dl className="facts level-facts" data-testid="level-facts">
        <dt>{t('level.injured')}</dt>
        <dd data-testid="fact-injured">{num(f.injured)}</dd>
        <dt>{t('level.dead')}</dt>
        <dd data-testid="fact-dead">{num(f.dead)}</dd>
        <dt>{t('level.line')}</dt>
        <dd data-testid="fact-line" data-blocked={f.lineBlocked}>
          {f.lineBlocked ? (
            <span className="verdict-warn">{f.lineBlockedAt ? t('level.blockedSince', { time: formatDateTime(f.lineBlockedAt, lang) }) : t('level.lineBlocked')}</span>
          ) : (
            t('level.lineOpen')
          )}
        </dd>
        {state.notified.length > 0 && (
          <>
            <dt>{t('level.notified')}</dt>
            <dd data-testid="level-notified">{state.notified.map(name).join(t('form.listSeparator'))}</dd>
          </>
        )}
      </dl>
      {editable && (
        <>
          <SituationForm key={`${f.injured}:${f.dead}:${f.lineBlocked}`} incidentId={incidentId} facts={f} onReported={onChanged} />
          <LevelChangeForm key={state.level} incidentId={incidentId} level={state.level} onChanged={onChanged} />
        </>
      )}
    </section>
  );
}
