import { useState } from 'react';
import type { Agency } from '@railjoint/contracts';
import type { IncidentDetail } from '../../api/incidentSchemas';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { CommandView } from './CommandView';
import { LevelPanel } from './LevelPanel';
import { MyTaskList } from './MyTasks';
import { OpenCommandDialog } from './OpenCommandDialog';
import { commandIdOf, useCommand, useLevel, useMyTasks } from './useCommandData';
import './command.css';

interface Props {
  incident: IncidentDetail;
  agencies: Agency[];
  userAgencyId: string | null;
  /** something changed here: the incident page reads the incident (and its timeline) again */
  onDone(): void;
}

const FINISHED = ['closed', 'cancelled', 'merged'];
/** the emergency plan opens a joint command at level II or above */
const COMMAND_LEVELS = new Set(['I', 'II']);

/** The incident page's part for response level, joint command and the tasks given to the user's agency. */
export function CommandSection({ incident, agencies, userAgencyId, onDone }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const level = useLevel(incident.id);
  const commandId = commandIdOf(incident.timeline);
  const command = useCommand(commandId);
  const mine = useMyTasks();
  const [opening, setOpening] = useState(false);
  const editable = !FINISHED.includes(incident.status);
  const myTasks = (mine.data ?? []).filter((x) => x.incidentId === incident.id);
  const state = level.data;
  const view = command.data;

  return (
    <section className="command-section" data-testid="command-section">
      <h3>{t('level.title')}</h3>
      {level.error !== null && (
        <p className="notice notice-error" role="alert">
          {errorText(level.error)}
        </p>
      )}
      {state ? (
        <LevelPanel
          incidentId={incident.id}
          state={state}
          agencies={agencies}
          editable={editable}
          onChanged={(s) => {
            level.set(s);
            onDone();
          }}
        />
      ) : (
        level.error === null && <p className="muted">{t('app.loading')}</p>
      )}

      {myTasks.length > 0 && (
        <section className="my-tasks" data-testid="incident-my-tasks">
          <h3>{t('task.mineHere')}</h3>
          <MyTaskList
            tasks={myTasks}
            agencies={agencies}
            onChanged={() => {
              mine.reload();
              onDone();
            }}
          />
        </section>
      )}

      {commandId && command.error !== null && (
        <p className="notice notice-error" role="alert">
          {errorText(command.error)}
        </p>
      )}
      {view ? (
        <CommandView
          command={view}
          userAgencyId={userAgencyId}
          onChanged={(next) => {
            if (next) command.set(next);
            else command.reload();
            onDone();
          }}
        />
      ) : (
        !commandId &&
        editable &&
        state &&
        COMMAND_LEVELS.has(state.level) && (
          <div className="command-open">
            <p className="muted">{t('command.canOpen', { level: state.level })}</p>
            <button type="button" className="btn btn-primary" data-testid="open-command" onClick={() => setOpening(true)}>
              {t('command.open')}
            </button>
          </div>
        )
      )}

      {opening && (
        <OpenCommandDialog
          incident={incident}
          agencies={agencies}
          userAgencyId={userAgencyId}
          onOpened={(v) => {
            setOpening(false);
            command.set(v);
            onDone();
          }}
          onClose={() => setOpening(false)}
        />
      )}
    </section>
  );
}
