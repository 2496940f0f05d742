import type { Agency, Task } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { useAgencies } from '../dispatch/useAgencies';
import { MyTaskCard } from './MyTaskCard';
import { OPEN_TASK, useMyTasks } from './useCommandData';
import './command.css';

interface ListProps {
  tasks: Task[];
  agencies: Agency[];
  onChanged(task: Task): void;
  onOpenIncident?(incidentId: string): void;
}

/** Open tasks first (overdue, then by deadline), finished ones after. */
function ordered(tasks: Task[]): Task[] {
  const rank = (x: Task) => (OPEN_TASK.has(x.status) ? (x.overdue ? 0 : 1) : 2);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || a.deadline.localeCompare(b.deadline));
}

export function MyTaskList({ tasks, agencies, onChanged, onOpenIncident }: ListProps) {
  const name = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  return (
    <ol className="my-task-list">
      {ordered(tasks).map((task) => (
        <MyTaskCard key={task.id} task={task} fromName={name(task.fromAgencyId)} onChanged={onChanged} onOpenIncident={onOpenIncident} />
      ))}
    </ol>
  );
}

/**
 * 本单位待办指令 at the top of the incidents queue: what the user's agency was told to do, shown only
 * while something is open, so a liaison sees it on signing in.
 */
export function MyTasks({ onOpenIncident }: { onOpenIncident(incidentId: string): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const agencies = useAgencies();
  const mine = useMyTasks();
  const open = (mine.data ?? []).filter((x) => OPEN_TASK.has(x.status));
  if (open.length === 0 && mine.error === null) return null;
  return (
    <section className="my-tasks my-tasks-queue" data-testid="my-tasks" aria-labelledby="my-tasks-heading">
      <h3 id="my-tasks-heading">
        {t('task.mine')} <span className="muted">({open.length})</span>
      </h3>
      {mine.error !== null && (
        <p className="notice notice-error" role="alert">
          {errorText(mine.error)}
        </p>
      )}
      <MyTaskList tasks={open} agencies={agencies} onChanged={() => mine.reload()} onOpenIncident={onOpenIncident} />
    </section>
  );
}
