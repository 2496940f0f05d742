import { TASK_STATUSES, type Task } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { TaskRow } from './TaskRow';

interface Props {
  tasks: Task[];
  /** tasks this agency issued may be cancelled from here (the server checks the role) */
  userAgencyId: string | null;
  onChanged(): void;
}

/** The command's task orders by status, open work first; overdue tasks lead their group. */
export function TaskBoard({ tasks, userAgencyId, onChanged }: Props) {
  const { t } = useT();
  if (tasks.length === 0) return <p className="muted" data-testid="task-board-empty">{t('task.none')}</p>;
  const overdueFirst = (a: Task, b: Task) => Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline);
  return (
    <div className="task-board" data-testid="task-board">
      {TASK_STATUSES.map((status) => {
        const group = tasks.filter((x) => x.status === status).sort(overdueFirst);
        if (group.length === 0) return null;
        return (
          <section key={status} className="task-group" data-testid="task-group" data-status={status}>
            <h4>
              {t(`task.status.${status}`)} <span className="muted">({group.length})</span>
            </h4>
            <ol className="task-list">
              {group.map((task) => (
                <TaskRow key={task.id} task={task} canCancel={task.fromAgencyId === userAgencyId} onChanged={onChanged} />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
