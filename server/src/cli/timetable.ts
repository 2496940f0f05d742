import fs from 'node:fs';
import path from 'node:path';
import { parse, UsageError, type Io } from './args.js';
import { cliActor, openCliDatabase } from './context.js';
import { Progress, step } from './progress.js';
import { NetworkService } from '../modules/network/service.js';
import { OrganisationService } from '../modules/organisation/service.js';
import { TrainService } from '../modules/trains/service.js';
import { FeedArchiveError, filesFromZip } from '../modules/trains/gtfs-zip.js';
import type { FeedProblem } from '../modules/trains/gtfs-feed.js';
import { HttpError } from '../platform/http/errors.js';
import type { Db } from '../platform/db/database.js';

const IMPORT_USAGE = 'railjoint timetable import DIR|ZIP';
const WHEREABOUTS_USAGE = 'railjoint train whereabouts TRAIN --at TIME';

/** The .txt files of a GTFS folder or zip, by name. */
function readFeed(source: string): Record<string, string> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch (e) {
    throw new UsageError(`cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (stat.isDirectory()) {
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(source)) {
      if (/\.txt$/i.test(name)) files[name.toLowerCase()] = fs.readFileSync(path.join(source, name), 'utf8');
    }
    return files;
  }
  try {
    return filesFromZip(fs.readFileSync(source));
  } catch (e) {
    if (e instanceof FeedArchiveError) throw new UsageError(`${source}: ${e.message}`);
    throw e;
  }
}

async function openServices(db: Db): Promise<TrainService> {
  const network = await NetworkService.open(db);
  const organisation = await OrganisationService.open(db, network);
  return TrainService.open(db, network, organisation);
}

export async function timetableCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new UsageError(`usage: ${IMPORT_USAGE}`);
  const { positionals } = parse(rest, {}, { min: 1, max: 1, usage: IMPORT_USAGE });
  const source = positionals[0]!;
  step(`reading ${source}…`);
  const files = readFeed(source);
  const db = await openCliDatabase(io.env);
  try {
    const trains = await openServices(db);
    let bar: Progress | null = null;
    const result = await trains.import(cliActor(), files, (done, total) => (bar ??= new Progress('stop times', total)).update(done));
    (bar as Progress | null)?.done();
    for (const w of result.warnings) io.out(`WARNING ${w}`);
    const c = result.counts;
    io.out(`imported: ${c.trains} trains (${c.trips} trips), ${c.stopTimes} stop times, ${c.stops} stops (${c.matchedStops} matched to stations), ${c.services} services; times in ${result.agencyTimezone}`);
    return 0;
  } catch (e) {
    if (e instanceof HttpError && e.status === 422) {
      const details = e.details as { problems: FeedProblem[]; warnings: string[] };
      for (const p of details.problems) io.out(`ERROR   ${p.file}${p.line === null ? '' : `:${p.line}`}: ${p.message}`);
      for (const w of details.warnings) io.out(`WARNING ${w}`);
      io.err(e.message);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}

export async function trainCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'whereabouts') throw new UsageError(`usage: ${WHEREABOUTS_USAGE}`);
  const { positionals, values } = parse(rest, { at: { type: 'string' } }, { min: 1, max: 1, usage: WHEREABOUTS_USAGE });
  const at = values.at === undefined ? new Date().toISOString() : String(values.at);
  const db = await openCliDatabase(io.env);
  try {
    const trains = await openServices(db);
    io.out(JSON.stringify(await trains.whereabouts(positionals[0]!, at), null, 2));
    return 0;
  } catch (e) {
    if (e instanceof HttpError && e.status === 400) throw new UsageError(e.message);
    if (e instanceof HttpError && e.status === 404) {
      io.err(`railjoint: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}
