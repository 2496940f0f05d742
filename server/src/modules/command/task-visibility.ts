import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { taskScope } from '../../platform/policies.js';

/**
 * The tasks a reader may see, as a WHERE clause on `tasks`: the rule of policies/tasks.ts
 * (TASK_READ) stated in SQL, so lists, command views and timelines never load what they must not
 * show. The access-matrix test checks that this and the rule agree.
 */
export function tasksVisibleTo(eb: ExpressionBuilder<Database, 'tasks'>, scope: ReturnType<typeof taskScope>) {
  if (scope.all) return eb.lit(true);
  const agencyId = scope.agencyId;
  if (agencyId === null) return eb.or([]);
  return eb.or([
    eb('tasks.from_agency_id', '=', agencyId),
    eb('tasks.to_agency_id', '=', agencyId),
    eb.exists(eb.selectFrom('command_members as cm').select('cm.agency_id').whereRef('cm.command_id', '=', 'tasks.command_id').where('cm.agency_id', '=', agencyId)),
  ]);
}
