import { z } from 'zod';
import { AgencyRef } from './organisation.js';

/** A GTFS feed sent as JSON: file name → file text (stops.txt, trips.txt, stop_times.txt, calendar*.txt…). */
export const TimetableFiles = z.object({ files: z.record(z.string(), z.string()) });
export type TimetableFiles = z.infer<typeof TimetableFiles>;

export const FeedProblem = z.object({ file: z.string(), line: z.number().nullable(), message: z.string() });
export type FeedProblem = z.infer<typeof FeedProblem>;

export const TimetableImportResult = z.object({
  agencyTimezone: z.string(),
  counts: z.object({
    stops: z.number(),
    matchedStops: z.number(),
    trips: z.number(),
    trains: z.number(),
    stopTimes: z.number(),
    services: z.number(),
  }),
  warnings: z.array(z.string()),
});
export type TimetableImportResult = z.infer<typeof TimetableImportResult>;

export const TrainNo = z.string().trim().min(1).max(32);
export const WhereaboutsQuery = z.object({ at: z.string().min(1) });

export const TrainStop = z.object({
  stopId: z.string(),
  stationId: z.string().nullable(),
  name: z.string(),
  /** ISO 8601 with the feed's local offset */
  arrival: z.string(),
  departure: z.string(),
});
export type TrainStop = z.infer<typeof TrainStop>;

export const NextStop = TrainStop.extend({
  /** the police station and county bureau (and others) responsible at that station */
  jurisdiction: z.array(AgencyRef),
});

export const TrainPosition = z.object({
  lineId: z.string(),
  lineName: z.string(),
  mileage: z.string(),
  measureM: z.number(),
  sectionId: z.string().nullable(),
  sectionName: z.string().nullable(),
  /** true between stations: interpolated in time between departure and arrival */
  estimated: z.boolean(),
});

export const TrainWhereabouts = z.object({
  train: z.string(),
  serviceDate: z.string().nullable(),
  state: z.enum(['running', 'at_station', 'not_running']),
  tripId: z.string().nullable(),
  lastStop: TrainStop.nullable(),
  nextStops: z.array(NextStop),
  mileage: z.string().optional(),
  position: TrainPosition.optional(),
});
export type TrainWhereabouts = z.infer<typeof TrainWhereabouts>;
