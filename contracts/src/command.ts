import { z } from 'zod';
import { Id } from './common.js';

export const RESPONSE_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export const ResponseLevel = z.enum(RESPONSE_LEVELS);
export type ResponseLevel = z.infer<typeof ResponseLevel>;

/** What is known on the ground that the level rules weigh (reported as it changes). */
export const SituationFacts = z
  .object({
    injured: z.number().int().min(0).max(100_000).optional(),
    dead: z.number().int().min(0).max(100_000).optional(),
    lineBlocked: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'report at least one fact', params: { zh: '请至少报告一项情况' } });

/** A commander's own decision: a reason is required, the audit trail shows who decided against the rules. */
export const LevelChangeRequest = z.object({ level: ResponseLevel, reason: z.string().trim().min(4, 'say why (at least 4 characters)').max(500) }).strict();

export const LevelState = z.object({
  level: ResponseLevel,
  /** the level the rules call for now; the set level may be higher or (by a commander) lower */
  ruleLevel: ResponseLevel,
  reasons: z.array(z.object({ code: z.string(), level: ResponseLevel, zh: z.string(), en: z.string() })),
  setBy: z.enum(['rules', 'commander']),
  changedAt: z.string(),
  facts: z.object({ injured: z.number(), dead: z.number(), lineBlocked: z.boolean(), lineBlockedAt: z.string().nullable() }),
  /** agencies told at this level */
  notified: z.array(z.string()),
});
export type LevelState = z.infer<typeof LevelState>;

export const CommandMemberInput = z.object({
  agencyId: Id,
  /** 指挥长 for agencies with jurisdiction; 联络员 for the others */
  role: z.enum(['commander', 'liaison']),
  /** the person, as the agency names them (e.g. 张国强 所长); taken from the user when `userId` is given */
  person: z.string().trim().min(1).max(100).optional(),
  /** someone on the agency's roster (GET /api/duty/people): named by their display name */
  userId: z.string().max(64).optional(),
});

export const OpenCommandRequest = z
  .object({
    name: z.string().trim().min(2).max(200).optional(),
    members: z.array(CommandMemberInput).min(2).max(30),
    objectives: z.array(z.string().trim().min(2).max(500)).min(1).max(20),
    /** length of the first operational period, hours */
    periodHours: z.number().min(1).max(72).default(12),
  })
  .strict();
export type OpenCommandRequest = z.infer<typeof OpenCommandRequest>;

export const NewPlanRequest = z
  .object({
    objectives: z.array(z.string().trim().min(2).max(500)).min(1).max(20),
    periodHours: z.number().min(1).max(72).default(12),
    notes: z.string().trim().max(5000).optional(),
  })
  .strict();

export const ActionPlan = z.object({
  period: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  objectives: z.array(z.string()),
  notes: z.string().nullable(),
  createdBy: z.string(),
});

export const TASK_STATUSES = ['issued', 'acknowledged', 'in_progress', 'completed', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);

export const CreateTaskRequest = z
  .object({
    commandId: z.string().uuid().optional(),
    incidentId: z.string().uuid().optional(),
    /** tasks without an incident belong to a campaign or a security plan (e.g. 春运安保) */
    campaign: z.string().trim().min(2).max(200).optional(),
    title: z.string().trim().min(2).max(200),
    detail: z.string().trim().max(5000).optional(),
    toAgencyId: Id,
    toUnitId: z.string().max(64).optional(),
    deadline: z.string().datetime({ offset: true }),
  })
  .strict()
  .refine((t) => t.commandId || t.incidentId || t.campaign, { message: 'a task belongs to a command, an incident or a campaign', path: ['campaign'], params: { zh: '指令须属于联合指挥部、警情或专项行动' } });
export type CreateTaskRequest = z.infer<typeof CreateTaskRequest>;

export const TaskUpdateRequest = z.object({ note: z.string().trim().min(1).max(5000) }).strict();

export const Task = z.object({
  id: z.string(),
  code: z.string(),
  commandId: z.string().nullable(),
  incidentId: z.string().nullable(),
  campaign: z.string().nullable(),
  title: z.string(),
  detail: z.string().nullable(),
  toAgencyId: z.string(),
  toAgencyName: z.string(),
  toUnitId: z.string().nullable(),
  fromAgencyId: z.string(),
  issuedBy: z.string(),
  /** the issuer's display name: what the console shows */
  issuedByName: z.string(),
  issuedAt: z.string(),
  deadline: z.string(),
  status: TaskStatus,
  acknowledgedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  overdue: z.boolean(),
  updates: z.array(z.object({ at: z.string(), by: z.string(), byName: z.string(), agencyId: z.string(), kind: z.string(), note: z.string().nullable() })),
  /** photos and documents reported with it */
  attachments: z.array(z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number(), by: z.string(), at: z.string() })),
});
export type Task = z.infer<typeof Task>;

export const TaskQuery = z.object({
  /** to my agency, issued by my agency, or every task of a command */
  scope: z.enum(['mine', 'issued', 'all']).default('mine'),
  commandId: z.string().uuid().optional(),
  status: TaskStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const CommandView = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentCode: z.string(),
  name: z.string(),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  openedBy: z.string(),
  /** who opened it, by display name */
  openedByName: z.string(),
  level: LevelState,
  members: z.array(z.object({ agencyId: z.string(), agencyName: z.string(), agencyType: z.string(), role: z.enum(['commander', 'liaison']), person: z.string(), userId: z.string().nullable() })),
  plans: z.array(ActionPlan),
  currentPlan: ActionPlan.nullable(),
  tasks: z.array(Task),
  unitsByAgency: z.array(z.object({ agencyId: z.string(), agencyName: z.string(), units: z.array(z.object({ unitId: z.string(), status: z.string() })) })),
});
export type CommandView = z.infer<typeof CommandView>;
