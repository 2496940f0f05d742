import readline from 'node:readline';
import type { ImportProblem } from '@railjoint/contracts';
import { parse, UsageError, type Io } from './args.js';
import { cliActor, openCliDatabase, readJsonFile } from './context.js';
import { Progress, step } from './progress.js';
import { checkNetwork } from '../modules/network/validate.js';
import { NetworkModel } from '../modules/network/network-model.js';
import { NetworkService } from '../modules/network/service.js';
import { OrganisationService } from '../modules/organisation/service.js';
import { HttpError } from '../platform/http/errors.js';

export function printProblems(io: Io, problems: Array<ImportProblem | { ref: string | null; path: string; message: string; severity: string }>): void {
  for (const p of problems) {
    const ref = 'featureId' in p ? p.featureId : p.ref;
    io.out(`${p.severity.toUpperCase().padEnd(7)} ${ref ?? '-'}  ${p.path}: ${p.message}`);
  }
}

export async function networkCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'check') {
    const { positionals } = parse(rest, {}, { min: 1, max: 1, usage: 'railjoint network check FILE' });
    step(`checking ${positionals[0]}…`);
    const { report } = checkNetwork(readJsonFile(positionals[0]!));
    printProblems(io, [...report.errors, ...report.warnings]);
    const c = report.counts;
    io.out(`${report.ok ? 'OK' : 'FAILED'}: ${report.errors.length} error(s), ${report.warnings.length} warning(s); ${c.lines} lines (${c.lengthKm} km), ${c.stations} stations, ${c.sites} sites, ${c.places} places, ${c.kmPosts} km posts, ${c.chainBreaks} chain breaks`);
    return report.ok ? 0 : 1;
  }
  if (sub === 'import') {
    const { positionals, values } = parse(rest, { replace: { type: 'boolean', default: false } }, { min: 1, max: 1, usage: 'railjoint network import FILE [--replace]' });
    const input = readJsonFile(positionals[0]!);
    const db = await openCliDatabase(io.env);
    try {
      const network = await NetworkService.open(db);
      await OrganisationService.open(db, network); // registers its guard: jurisdictions must stay valid
      let bar = null as Progress | null;
      const outcome = await network.import(cliActor(), input, values.replace ? 'replace' : 'merge', (stage, done, total) => {
        if (stage === 'check' && done === 0) step('checking…');
        if (stage === 'write') (bar ??= new Progress('writing', total)).update(done);
      });
      bar?.done();
      printProblems(io, outcome.report.warnings);
      const c = outcome.report.counts;
      io.out(`imported (${outcome.mode}): the network now has ${c.lines} lines (${c.lengthKm} km), ${c.stations} stations, ${c.sites} sites, ${c.places} places`);
      return 0;
    } catch (e) {
      if (e instanceof HttpError && e.status === 422) {
        const details = e.details as { errors: ImportProblem[]; warnings: ImportProblem[] };
        printProblems(io, [...details.errors, ...details.warnings]);
        io.err(`${e.message}`);
        return 1;
      }
      throw e;
    } finally {
      await db.close();
    }
  }
  throw new UsageError('usage: railjoint network check FILE | railjoint network import FILE [--replace]');
}

/** Reads `lon,lat` lines from stdin and writes one JSON object per line. */
export async function locateCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { network: { type: 'string' }, 'max-offset': { type: 'string' } }, { min: 0, max: 0, usage: 'railjoint locate [--network FILE] [--max-offset M] < points.csv' });
  const maxOffsetM = values['max-offset'] === undefined ? undefined : Number(values['max-offset']);
  if (maxOffsetM !== undefined && !(maxOffsetM > 0 && maxOffsetM <= 5000)) throw new UsageError('--max-offset must be a number of metres between 0 and 5000');
  let model: NetworkModel;
  if (values.network) {
    const { report, doc } = checkNetwork(readJsonFile(String(values.network)));
    if (!doc) {
      printProblems({ ...io, out: io.err }, report.errors);
      throw new UsageError(`${values.network} has ${report.errors.length} error(s); run "railjoint network check" for details`);
    }
    model = NetworkModel.build(doc);
  } else {
    const db = await openCliDatabase(io.env);
    try {
      model = (await NetworkService.open(db)).current();
    } finally {
      await db.close();
    }
  }
  const rl = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    io.out(JSON.stringify(locateLine(model, line, maxOffsetM)));
  }
  return 0;
}

export function locateLine(model: NetworkModel, line: string, maxOffsetM?: number): unknown {
  const parts = line.split(/[,\s;]+/).filter(Boolean);
  if (parts.length !== 2) return { error: `expected "lon,lat", got "${line.slice(0, 60)}"` };
  const [lon, lat] = parts.map(Number) as [number, number];
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    return { error: `not a longitude,latitude pair: "${line.slice(0, 60)}"` };
  }
  return model.locate([lon, lat], { maxOffsetM }) ?? { error: `no line within ${maxOffsetM ?? 500} m` };
}
