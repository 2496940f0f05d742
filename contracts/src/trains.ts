import { z } from 'zod';
import { LonLat } from './common.js';
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

export const PassingQuery = z.object({
  lineId: z.string().min(1).max(64),
  /** a mileage such as K499+940 on that line */
  mileage: z.string().min(1).max(32),
  /** ISO 8601; the platform's time when omitted */
  at: z.string().min(1).optional(),
  /** how far ahead to look, seconds (default 600, at most 6 hours) */
  windowS: z.coerce.number().int().min(1).max(6 * 3600).default(600),
});

export const PassingTrain = z.object({
  train: z.string(),
  tripId: z.string(),
  serviceDate: z.string(),
  /** when the train is estimated at the point, ISO 8601 with the feed's offset */
  at: z.string(),
  /** seconds from the query time; 0 while it stands at a station there */
  inS: z.number(),
  direction: z.enum(['up_measure', 'down_measure']).nullable(),
  /** where the train is at the query time, by the timetable (null before it sets out) */
  position: z.object({ lineId: z.string(), mileage: z.string(), coordinates: LonLat }).nullable(),
});

export const PassingResult = z.object({
  lineId: z.string(),
  mileage: z.string(),
  at: z.string(),
  windowS: z.number(),
  trains: z.array(PassingTrain),
});
export type PassingResult = z.infer<typeof PassingResult>;
