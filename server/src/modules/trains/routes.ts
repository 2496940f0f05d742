import { z } from 'zod';
import { PassingQuery, PassingResult, TimetableFiles, TimetableImportResult, TrainNo, TrainWhereabouts, WhereaboutsQuery } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { authorize } from '../../platform/policies.js';
import { badRequest, fieldErrors, validationError } from '../../platform/http/errors.js';
import type { TrainService } from './service.js';
import { FeedArchiveError, filesFromZip } from './gtfs-zip.js';

const IMPORT_LIMIT = 128 * 1024 * 1024;

/** The feed from the body: a zip (raw bytes) or JSON {files: {name: text}}. */
function feedFiles(body: unknown): Record<string, string> {
  if (Buffer.isBuffer(body)) {
    try {
      return filesFromZip(body);
    } catch (e) {
      if (e instanceof FeedArchiveError) throw badRequest('bad_zip', e.said);
      throw e;
    }
  }
  const parsed = TimetableFiles.safeParse(body);
  if (!parsed.success) throw validationError(fieldErrors(parsed.error, 'body'));
  return parsed.data.files;
}

export function trainRoutes(trains: TrainService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/timetable/import',
      summary: 'Import a GTFS timetable (admin): a zip, or JSON {files: {"stops.txt": "…"}}; replaces the previous timetable. 422 with every problem (file:line) and nothing written on a bad feed.',
      tag: 'trains',
      access: 'signed-in',
      body: z.unknown(),
      rawBody: ['application/zip', 'application/octet-stream'],
      bodyLimit: IMPORT_LIMIT,
      response: TimetableImportResult,
      handler: async ({ actor, body }) => {
        authorize(actor, 'timetable.import');
        return trains.import(actor, feedFiles(body));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/trains/:train/whereabouts',
      summary: 'Where a train (by train number) is at a time: state, last stop, next stops with arrival and the agencies responsible there, estimated mileage and section',
      tag: 'trains',
      access: 'signed-in',
      reads: { reference: 'the public timetable' },
      params: z.object({ train: TrainNo }),
      query: WhereaboutsQuery,
      response: TrainWhereabouts,
      handler: async ({ actor, params, query }) => {
        authorize(actor, 'trains.read');
        return trains.whereabouts(params.train, query.at);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/trains/passing',
      summary: 'The trains at or reaching a mileage of a line within a window (default 10 min), soonest first, by the timetable: estimated time, direction. Reception raises the priority of an incident on the track when one is due.',
      tag: 'trains',
      access: 'signed-in',
      reads: { reference: 'the public timetable' },
      query: PassingQuery,
      response: PassingResult,
      handler: async ({ actor, query }) => {
        authorize(actor, 'trains.read');
        return trains.passingAt(query.lineId, query.mileage, query.at, query.windowS);
      },
    }),
  ];
}
