import { z } from 'zod';
import { Id } from './common.js';
import { TaskStatus } from './command.js';

/**
 * Asking the railway dispatcher to stop or slow trains near an incident (停车/限速请求). The
 * request is a task order to the railway station (or the agency that speaks to the train
 * dispatcher) that answers for the stretch; its acknowledgement, progress and completion, each
 * with a note, are the railway's reply.
 */
export const TRAIN_REQUEST_KINDS = ['stop', 'slow'] as const;
export const TrainRequestKind = z.enum(TRAIN_REQUEST_KINDS);
export type TrainRequestKind = z.infer<typeof TrainRequestKind>;

export const CreateTrainRequest = z
  .object({
    kind: TrainRequestKind,
    /** the trains concerned (train numbers, as the timetable has them) */
    trains: z.array(z.string().trim().min(1).max(32)).min(1).max(20),
    /** for a speed restriction: the speed asked for, km/h */
    speedKmh: z.number().int().min(5).max(200).optional(),
    /** the agency asked; by default the railway station that answers for the nearest station */
    toAgencyId: Id.optional(),
    note: z.string().trim().max(500).optional(),
    /** how long the railway has to answer, seconds (default 600) */
    replyWithinS: z.number().int().min(60).max(3600).default(600),
  })
  .strict()
  .refine((r) => r.kind !== 'slow' || r.speedKmh !== undefined, { message: 'a speed restriction says the speed (speedKmh)', path: ['speedKmh'], params: { zh: '限速须填写速度（speedKmh）' } });
export type CreateTrainRequest = z.input<typeof CreateTrainRequest>;

export const TrainRequestReply = z.object({
  at: z.string(),
  /** acknowledge, progress, complete, cancel (the task's steps), or overdue */
  kind: z.string(),
  note: z.string().nullable(),
  agencyName: z.string(),
  /** the person, by display name */
  byName: z.string(),
});

export const TrainRequest = z.object({
  id: z.string(),
  incidentId: z.string(),
  taskId: z.string(),
  taskCode: z.string(),
  kind: TrainRequestKind,
  trains: z.array(z.string()),
  speedKmh: z.number().nullable(),
  lineId: z.string(),
  lineName: z.string(),
  mileage: z.string(),
  toAgencyId: z.string(),
  toAgencyName: z.string(),
  requestedAt: z.string(),
  requestedByName: z.string(),
  deadline: z.string(),
  status: TaskStatus,
  overdue: z.boolean(),
  replies: z.array(TrainRequestReply),
});
export type TrainRequest = z.infer<typeof TrainRequest>;

export const TrainRequestList = z.object({ requests: z.array(TrainRequest) });
export type TrainRequestList = z.infer<typeof TrainRequestList>;
