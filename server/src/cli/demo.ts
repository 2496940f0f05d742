import fs from 'node:fs';
import path from 'node:path';
import { parse, UsageError, type Io } from './args.js';
import { step } from './progress.js';
import { generateDemo } from '../demo/generate.js';

export async function demoCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'generate') throw new UsageError('usage: railjoint demo generate DIR [--scale department|national] [--seed N]');
  const { positionals, values } = parse(
    rest,
    { scale: { type: 'string', default: 'department' }, seed: { type: 'string' } },
    { min: 1, max: 1, usage: 'railjoint demo generate DIR [--scale department|national] [--seed N]' },
  );
  const scale = values.scale;
  if (scale !== 'department' && scale !== 'national') throw new UsageError('--scale must be department or national');
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  const dir = positionals[0]!;
  step(`generating the ${scale} demo…`);
  const demo = generateDemo({ scale, seed });
  fs.mkdirSync(dir, { recursive: true });
  const files: Array<[string, unknown]> = [
    ['network.geojson', demo.network],
    ['organisation.json', demo.organisation],
    ['users.json', demo.users],
  ];
  for (const [name, value] of files) {
    fs.writeFileSync(path.join(dir, name), JSON.stringify(value));
    io.out(path.join(dir, name));
  }
  if (scale === 'department') {
    // the timetable as a GTFS folder, ready for `railjoint timetable import DIR/gtfs`
    const { generateDemoTimetable } = await import('../demo/timetable.js');
    const gtfs = path.join(dir, 'gtfs');
    fs.mkdirSync(gtfs, { recursive: true });
    for (const [name, text] of Object.entries(generateDemoTimetable(demo.network))) fs.writeFileSync(path.join(gtfs, name), text);
    io.out(gtfs);
  }
  return 0;
}
