import { UsageError, type Io } from './args.js';
import { ConfigError } from '../platform/config.js';

const HELP = `railjoint — command line of the RailJoint platform (reads DATABASE_URL like the server)

  railjoint mileage parse TEXT                 K123+456 → {"prefix":"K","metres":123456}
  railjoint mileage format METRES [--prefix K] [--decimals N]
  railjoint network check FILE                 validate network GeoJSON; every problem; exit 1 if any error
  railjoint network import FILE [--replace]    import into the database (merge by id, or replace all)
  railjoint locate [--network FILE] [--max-offset M]   stdin "lon,lat" lines → one JSON result per line
  railjoint org check FILE                     validate organisation JSON against the stored network
  railjoint org import FILE                    import agencies and jurisdictions
  railjoint timetable import DIR|ZIP           import a GTFS timetable (folder or zip); replaces the previous one
  railjoint train whereabouts TRAIN --at TIME  where a train is at a time (ISO 8601; default now), as JSON
  railjoint audit verify [--archive FILE]      check the SM3 audit chain (or an archive file); names the first bad entry, exit 1 if any
  railjoint audit archive DIR [--before TIME]  move entries older than the retention period (≥ 180 days) to a verified file
  railjoint backup DIR                         online backup (SQLite backup API or pg_dump from a snapshot) with a manifest
  railjoint restore DIR [--force]              restore into DATABASE_URL, then check rows, the audit chain's head and the keys
  railjoint keys status|rotate|reseal [--retire]   the SM4 keys personal data is sealed with (RAILJOINT_DATA_KEY_FILE)
  railjoint devices import FILE [--format csv|geojson]   register devices (all or nothing; keys of new ones shown once)
  railjoint devices export [FILE] [--format csv|geojson] the device registry, without keys
  railjoint devices simulate --broker URL --rate N --for DURATION [--seed N]   drive the registered fleet over MQTT
  railjoint patrols check|import FILE          joint-defence teams, members, checkpoints and plans in bulk (a JSON file)
  railjoint patrols example FILE               write the demo department's civil-defence file, the shape to import
  railjoint incidents import-history FILE      past incidents (CSV occurredAt,category,lon,lat or …,lineId,mileage), all or nothing
  railjoint risk backtest --history FILE --train-until DATE --test-until DATE [--category C] [--cell-m M]   PAI, PEI* and hit rates per method
  railjoint simulate --scenario FILE [--policy siloed|joint|joint_optimised_posts]   simulate reception and handling; results as JSON
  railjoint plan cover --instance FILE [--exact] [--time-limit S]   where posts should be (maximal covering): chosen sites, covered, bound, gap
  railjoint plan median --instance FILE [--exact] [--time-limit S]  the same as p-median (least weighted distance; a distance matrix)
  railjoint plan patrols --instance FILE       randomised patrols (Stackelberg game): coverage, expected loss vs fixed and uniform patrols, daily schedules
  railjoint demo generate DIR [--scale department|national] [--seed N]   write the demo files

Exit codes: 0 success, 1 the data has problems, 2 a bad command line.`;

type Command = (argv: string[], io: Io) => Promise<number>;

// Each command group is loaded when used, so `railjoint mileage …` does not load the database.
const COMMANDS: Record<string, () => Promise<Command>> = {
  mileage: async () => (await import('./mileage.js')).mileageCommand,
  network: async () => (await import('./network.js')).networkCommand,
  locate: async () => (await import('./network.js')).locateCommand,
  org: async () => (await import('./organisation.js')).orgCommand,
  demo: async () => (await import('./demo.js')).demoCommand,
  timetable: async () => (await import('./timetable.js')).timetableCommand,
  train: async () => (await import('./timetable.js')).trainCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  patrols: async () => (await import('./patrols.js')).patrolsCommand,
  devices: async () => (await import('./devices.js')).devicesCommand,
  keys: async () => (await import('./keys.js')).keysCommand,
  backup: async () => (await import('./backup.js')).backupCommand,
  restore: async () => (await import('./backup.js')).restoreCommand,
  simulate: async () => (await import('./simulate.js')).simulateCommand,
  incidents: async () => (await import('./risk.js')).incidentsCommand,
  risk: async () => (await import('./risk.js')).riskCommand,
  plan: async () => (await import('./plan.js')).planCommand,
};

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(HELP);
    return command ? 0 : 2;
  }
  const load = COMMANDS[command];
  try {
    if (!load) throw new UsageError(`unknown command "${command}"; run "railjoint help"`);
    return await (await load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.err(`railjoint: ${e.message.split('\n').join(' ')}`);
      return 2;
    }
    io.err(`railjoint: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && /railjoint(\.mjs)?$|cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) {
  const io: Io = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stdin: process.stdin,
    env: process.env,
  };
  runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
