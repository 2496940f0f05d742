import { z } from 'zod';
import { CommandView, CreateTaskRequest, LevelChangeRequest, LevelState, NewPlanRequest, OpenCommandRequest, SituationFacts, Task, TaskQuery, TaskUpdateRequest } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { clientOf } from '../../platform/http/client.js';
import { sendFile } from '../../platform/http/files.js';
import { ATTACHMENT_LIMIT } from '../sharing/attachment-rules.js';
import { uploadedFile } from '../sharing/attachment-upload.js';
import type { LevelService } from './level-service.js';
import type { CommandService } from './command-service.js';
import type { TaskService } from './task-service.js';

const Uuid = z.object({ id: z.string().uuid() });

/** Response levels, joint command and task orders. */
export function commandRoutes(levels: LevelService, commands: CommandService, tasks: TaskService): RouteSpec[] {
  const taskStep = (step: 'acknowledge' | 'progress' | 'complete' | 'cancel', summary: string, needsNote: boolean) =>
    defineRoute({
      method: 'POST',
      url: `/api/tasks/:id/${step}`,
      summary,
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      body: needsNote ? TaskUpdateRequest : TaskUpdateRequest.partial().strict().optional(),
      response: Task,
      handler: async ({ actor, params, body }) => tasks.step(actor!, params.id, step, (body as { note?: string } | undefined)?.note ?? null),
    });
  return [
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/level',
      summary: 'The response level (I–IV), the level the rules call for and why, the facts, who was told',
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      response: LevelState,
      handler: async ({ actor, params }) => levels.get(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/situation',
      summary: 'Report casualties or a blocked line; the rules raise the level if they now call for more, and the agencies the level requires are told',
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      body: SituationFacts,
      response: LevelState,
      handler: async ({ actor, params, body, request }) => levels.report(actor!, params.id, body, clientOf(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/level',
      summary: 'A commander raises or lowers the response level, with a reason',
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      body: LevelChangeRequest,
      response: LevelState,
      handler: async ({ actor, params, body, request }) => levels.set(actor!, params.id, body.level, body.reason, clientOf(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents/:id/command',
      summary: 'Open the joint command of an incident at level II or above: a commander for each agency with jurisdiction, liaisons for the others, objectives for the first operational period',
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      body: OpenCommandRequest,
      status: 201,
      response: CommandView,
      handler: async ({ actor, params, body, request }) => commands.open(actor!, params.id, body, clientOf(request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/command',
      summary: 'The joint command of an incident (404 when none)',
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      response: CommandView,
      handler: async ({ actor, params }) => commands.byIncident(actor!, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/commands/:id',
      summary: 'The command view: objectives and action plans, agencies and their commanders, units by agency, tasks, level',
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      response: CommandView,
      handler: async ({ actor, params }) => commands.view(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/commands/:id/plans',
      summary: 'The incident action plan for the next operational period',
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      body: NewPlanRequest,
      response: CommandView,
      handler: async ({ actor, params, body, request }) => commands.newPlan(actor!, params.id, body, clientOf(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/commands/:id/close',
      summary: 'Close the joint command',
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      body: z.object({}).strict().optional(),
      response: CommandView,
      handler: async ({ actor, params, request }) => commands.close(actor!, params.id, clientOf(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tasks',
      summary: 'Issue a task order (指令) to an agency or unit with a deadline: within a joint command (to its members only), on an incident, or for a campaign',
      tag: 'command',
      access: 'signed-in',
      body: CreateTaskRequest,
      status: 201,
      response: Task,
      handler: async ({ actor, body }) => tasks.create(actor!, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tasks',
      summary: 'Tasks given to my agency (mine), issued by it, or of a command; overdue ones flagged',
      tag: 'command',
      access: 'signed-in',
      query: TaskQuery,
      response: z.object({ tasks: z.array(Task) }),
      handler: async ({ actor, query }) => tasks.list(actor!, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tasks/:id',
      summary: 'One task with its updates',
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      response: Task,
      handler: async ({ actor, params }) => tasks.get(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tasks/:id/attachments',
      summary: 'Attach a photo or document (JPEG, PNG, PDF; X-Filename; at most 5 MB; judged by content) to a task report',
      tag: 'command',
      access: 'signed-in',
      params: Uuid,
      body: z.unknown(),
      rawBody: ['image/jpeg', 'image/png', 'application/pdf', 'application/octet-stream'],
      bodyLimit: ATTACHMENT_LIMIT + 1024,
      status: 201,
      response: Task,
      handler: async ({ actor, params, body, request }) => tasks.attach(actor!, params.id, uploadedFile(body, request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tasks/:id/attachments/:attachmentId',
      summary: 'A task attachment, to whoever may see the task',
      tag: 'command',
      access: 'signed-in',
      params: z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() }),
      handler: async ({ actor, params, reply }) => sendFile(reply, await tasks.attachment(actor!, params.id, params.attachmentId)),
    }),
    taskStep('acknowledge', 'The receiving agency acknowledges the task', false),
    taskStep('progress', 'The receiving agency reports progress (a note)', true),
    taskStep('complete', 'The receiving agency reports the task done, with a note', true),
    taskStep('cancel', 'The issuing agency cancels the task, with a note saying why', true),
  ];
}
