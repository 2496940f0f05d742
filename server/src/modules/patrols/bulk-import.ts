import { z } from 'zod';
import { CheckpointInput, formatPath, Id, MemberInput, PlanInput, TeamInput } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { HttpError } from '../../platform/http/errors.js';
import type { TeamService } from './teams.js';
import type { CheckpointService } from './checkpoints.js';
import type { PlanService } from './plans.js';

const Item = z.looseObject({ id: Id });
const LISTS = { teams: TeamInput, members: MemberInput, checkpoints: CheckpointInput, plans: PlanInput } as const;
type Lists = typeof LISTS;

/** A civil-defence file: teams, members, checkpoints and plans, each under an id of the department's own. */
export const CivilDefenceFile = z.object({ teams: z.array(Item).default([]), members: z.array(Item).default([]), checkpoints: z.array(Item).default([]), plans: z.array(Item).default([]) }).strict();
export type CivilDefenceDocument = { [K in keyof Lists]: Array<{ id: string } & z.infer<Lists[K]>> };

export interface ImportProblem {
  path: string;
  id: string | null;
  message: string;
}

/** Every problem of the file's shape at once, each by its place in the file (`plans[2].windows[0].from`). */
export function checkDocument(input: unknown): { doc: CivilDefenceDocument | null; problems: ImportProblem[] } {
  const outer = CivilDefenceFile.safeParse(input);
  if (!outer.success) return { doc: null, problems: outer.error.issues.map((i) => ({ path: formatPath(i.path), id: null, message: i.message })) };
  const problems: ImportProblem[] = [];
  const doc = { teams: [], members: [], checkpoints: [], plans: [] } as unknown as CivilDefenceDocument;
  for (const list of Object.keys(LISTS) as Array<keyof Lists>) {
    const seen = new Set<string>();
    outer.data[list].forEach((raw, i) => {
      const { id, ...rest } = raw;
      if (seen.has(id)) problems.push({ path: `${list}[${i}].id`, id, message: 'appears twice' });
      seen.add(id);
      const r = LISTS[list].safeParse(rest);
      if (r.success) (doc[list] as unknown[]).push({ id, ...r.data });
      else problems.push(...r.error.issues.map((x) => ({ path: formatPath(x.path, `${list}[${i}]`), id, message: x.message })));
    });
  }
  return { doc: problems.length ? null : doc, problems };
}

/**
 * Writes a checked file through the same services as the API, in the order things refer to each
 * other (teams, members, checkpoints, plans), each item by its id: running it again updates what
 * is there instead of doubling it. An item the services refuse is reported with its place and the
 * rest go on.
 */
export async function importDocument(
  services: { teams: TeamService; checkpoints: CheckpointService; plans: PlanService },
  actor: Actor,
  doc: CivilDefenceDocument,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ written: Record<'teams' | 'members' | 'checkpoints' | 'plans', number>; problems: ImportProblem[] }> {
  const total = doc.teams.length + doc.members.length + doc.checkpoints.length + doc.plans.length;
  const written = { teams: 0, members: 0, checkpoints: 0, plans: 0 };
  const problems: ImportProblem[] = [];
  let done = 0;
  const each = async <T extends { id: string }>(list: keyof typeof written, items: T[], save: (x: T) => Promise<unknown>) => {
    for (const [i, item] of items.entries()) {
      try {
        await save(item);
        written[list]++;
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        // an import report is English, like the file checks before it
        const fields = e.details?.fields;
        problems.push({ path: `${list}[${i}]`, id: item.id, message: fields?.length ? fields.map((f) => `${f.field.replace(/^body\.?/, '')}: ${f.message.en}`).join('; ') : e.said.en });
      }
      onProgress(++done, total);
    }
  };
  await each('teams', doc.teams, ({ id, ...t }) => services.teams.save(actor, id, t));
  await each('members', doc.members, ({ id, ...m }) => services.teams.saveMember(actor, id, m));
  await each('checkpoints', doc.checkpoints, ({ id, ...c }) => services.checkpoints.save(actor, id, c));
  await each('plans', doc.plans, ({ id, ...p }) => services.plans.save(actor, id, p));
  return { written, problems };
}
