import { useState } from 'react';
import { Link } from 'react-router';
import type { PatrolDutiesRun } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { patrolsPath } from '../patrol-coverage/PatrolsRoom';
import { usePatrolDuties } from './patrolDutiesApi';
import './patrol-game.css';

const STRATEGIES = [
  { key: 'game', colour: 'var(--ok)' },
  { key: 'byRank', colour: 'var(--danger)' },
  { key: 'uniform', colour: 'var(--warn)' },
] as const;

/**
 * 随机巡逻: next week's patrols drawn from the patrol game over the patrolled stretches — how
 * often each stretch is patrolled beside its share of the risk, the expected loss of the game's
 * strategy beside fixed and uniform patrols with the assumptions behind them, the days' draw per
 * team, and writing that draw as the teams' patrol duties. The preview's week and seed go with
 * the write, so what is written is what was shown; once written, the write's own answer is shown,
 * in case the risk moved in between.
 */
export function PatrolDutiesTab() {
  const { t, num } = useT();
  const errorText = useErrorText();
  const [caughtShare, setCaughtShare] = useState(1);
  const preview = usePatrolDuties();
  const write = usePatrolDuties();
  const shown: PatrolDutiesRun | undefined = write.data ?? preview.data;
  const run = () => {
    write.reset();
    preview.mutate({ caughtShare, write: false });
  };
  const commit = () => {
    const p = preview.data;
    if (p) write.mutate({ caughtShare: p.caughtShare, weekStart: p.weekStart, seed: p.seed, write: true });
  };
  const error = preview.error ?? write.error;
  return (
    <div className="patrol-game-tab" data-testid="patrol-game-tab">
      <p className="muted">{t('patrolGame.intro')}</p>
      <header className="risk-head">
        <label className="field-inline">
          {t('patrolGame.caughtShare')}
          <input type="number" min={0} max={10} step={0.5} data-testid="patrol-game-caught" value={caughtShare} onChange={(e) => setCaughtShare(Number(e.target.value))} />
        </label>
        <button type="button" className="btn btn-primary" data-testid="patrol-game-run" disabled={preview.isPending} onClick={run}>
          {t('patrolGame.run')}
        </button>
        {preview.data && !write.data && (
          <button type="button" className="btn" data-testid="patrol-game-write" disabled={write.isPending} onClick={commit}>
            {write.isPending ? t('patrolGame.writing') : t('patrolGame.write')}
          </button>
        )}
      </header>
      {error != null && <p className="notice notice-error" role="alert">{errorText(error)}</p>}
      {preview.isPending && <p className="muted">{t('patrolGame.running')}</p>}
      {write.data?.duties && (
        <p className="notice patrol-game-written" data-testid="patrol-game-written" data-written={write.data.duties.written}>
          <span>{t('patrolGame.written', { written: write.data.duties.written, replaced: write.data.duties.replaced, kept: write.data.duties.kept })}</span>
          <Link to={patrolsPath('plans')} data-testid="patrol-game-see-duties">{t('patrolGame.seeDuties')}</Link>
        </p>
      )}
      {shown && <RunView run={shown} num={num} />}
    </div>
  );
}

function RunView({ run, num }: { run: PatrolDutiesRun; num: (v: number, d?: number) => string }) {
  const { t } = useT();
  const targetName = new Map(run.targets.map((x) => [x.id, x.name]));
  const worst = Math.max(...STRATEGIES.map((s) => run[s.key].expectedLoss), 1e-9);
  return (
    <>
      <p data-testid="patrol-game-week">{t('patrolGame.week', { from: run.dates[0]!, to: run.dates[run.dates.length - 1]!, window: `${run.window.from}–${run.window.to}`, seed: run.seed })}</p>
      <section>
        <h3>{t('patrolGame.lossTitle')}</h3>
        <div className="patrol-game-bars" data-testid="patrol-game-losses">
          {STRATEGIES.map((s) => (
            <div key={s.key} className="patrol-game-bar" data-testid={`patrol-game-loss-${s.key}`} data-loss={run[s.key].expectedLoss}>
              <span>{t(`patrolGame.strategy.${s.key}`)}</span>
              <span className="patrol-game-track">
                <span className="patrol-game-fill" style={{ width: `${(100 * run[s.key].expectedLoss) / worst}%`, background: s.colour }} />
              </span>
              <span className="patrol-game-num">{num(100 * run[s.key].expectedLoss, 1)}%</span>
              <small>{t('patrolGame.attacked', { name: run[s.key].attackedName })}</small>
            </div>
          ))}
        </div>
        <ul className="patrol-game-assumptions">{run.assumptions.map((a) => <li key={a}>{a}</li>)}</ul>
      </section>
      <table className="risk-table" data-testid="patrol-game-coverage">
        <caption>{t('patrolGame.coverageTitle')}</caption>
        <thead>
          <tr>
            <th>{t('patrolGame.target')}</th>
            <th>{t('patrolGame.value')}</th>
            <th>{t('patrolGame.coverage')}</th>
          </tr>
        </thead>
        <tbody>
          {run.targets.map((x) => (
            <tr key={x.id} data-coverage={x.coverage}>
              <td>{x.name}</td>
              <td className="num">{num(100 * x.value, 1)}%</td>
              <td>
                <span className="patrol-game-bar" style={{ gridTemplateColumns: '1fr 64px' }}>
                  <span className="patrol-game-track">
                    <span className="patrol-game-fill" style={{ width: `${100 * x.coverage}%`, background: 'var(--accent)' }} />
                  </span>
                  <span className="patrol-game-num">{num(100 * x.coverage, 0)}%</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="patrol-game-schedule">
        <table className="risk-table" data-testid="patrol-game-schedule">
          <caption>{t('patrolGame.scheduleTitle')}</caption>
          <thead>
            <tr>
              <th>{t('patrolGame.team')}</th>
              {run.dates.map((d) => <th key={d}>{d.slice(5)}</th>)}
            </tr>
          </thead>
          <tbody>
            {run.teams.map((team) => (
              <tr key={team.id} data-team={team.id}>
                <td>{team.name}</td>
                {run.schedule.map((day) => {
                  const target = day.patrols.find((p) => p.teamId === team.id)?.targetId;
                  return <td key={day.date}>{target ? targetName.get(target) : t('patrolGame.none')}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
