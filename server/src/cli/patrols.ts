import fs from 'node:fs';
import { parse, UsageError, type Io } from './args.js';
import { cliActor, readJsonFile } from './context.js';
import { Progress, step } from './progress.js';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { openKeyring } from '../platform/crypto/keyring.js';
import { PersonalData } from '../platform/crypto/personal-data.js';
import { NetworkService } from '../modules/network/service.js';
import { OrganisationService } from '../modules/organisation/service.js';
import { checkpointKey } from '../modules/patrols/checkpoint-key.js';
import { DEFAULT_VERIFY_RULES } from '../modules/patrols/verify-check-in.js';
import { PersonalRecords } from '../modules/patrols/personal-data.js';
import { TeamService } from '../modules/patrols/teams.js';
import { CheckpointService } from '../modules/patrols/checkpoints.js';
import { PlanService } from '../modules/patrols/plans.js';
import { checkDocument, importDocument, type ImportProblem } from '../modules/patrols/bulk-import.js';
import { placeCheckpoint } from '../modules/patrols/place.js';
import { HttpError } from '../platform/http/errors.js';

const USAGE = 'railjoint patrols check FILE | railjoint patrols import FILE | railjoint patrols example FILE';

function print(io: Io, problems: readonly ImportProblem[]): void {
  for (const p of problems.slice(0, 200)) io.err(`${p.path}${p.id ? ` (${p.id})` : ''}: ${p.message}`);
  if (problems.length > 200) io.err(`… and ${problems.length - 200} more`);
}

/**
 * A department's joint-defence organisation in bulk: teams, members, checkpoints and plans from
 * one JSON file (the shape `example` writes), checked whole first, then written item by item
 * through the same services as the API — each item by its own id, so a second run updates
 * instead of doubling. Long files show their progress.
 */
export async function patrolsCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'check' && sub !== 'import' && sub !== 'example') throw new UsageError(`usage: ${USAGE}`);
  const { positionals } = parse(rest, {}, { min: 1, max: 1, usage: `railjoint patrols ${sub} FILE` });
  const file = positionals[0]!;
  if (sub === 'example') {
    const { generateDemo } = await import('../demo/generate.js');
    const { demoCivilDefence } = await import('../demo/patrols.js');
    const demo = generateDemo({ scale: 'department' });
    fs.writeFileSync(file, `${JSON.stringify(demoCivilDefence(demo.network, demo.organisation), null, 2)}\n`);
    io.out(`wrote the demo department's civil defence to ${file}`);
    return 0;
  }
  const { doc, problems } = checkDocument(readJsonFile(file));
  if (!doc) {
    print(io, problems);
    io.out(`FAILED: ${problems.length} problem(s) in ${file}; nothing was written`);
    return 1;
  }
  const config = loadConfig(io.env, { demo: false });
  const db = await openDatabase(config.database);
  try {
    const network = await NetworkService.open(db);
    const org = await OrganisationService.open(db, network);
    if (sub === 'check') {
      // where each checkpoint lies, against the stored network, without writing anything
      const placing: ImportProblem[] = [];
      doc.checkpoints.forEach((c, i) => {
        try {
          placeCheckpoint(network.current(), c.place, `checkpoints[${i}].place`);
        } catch (e) {
          if (!(e instanceof HttpError)) throw e;
          const fields = e.details?.fields ?? [];
          placing.push(...fields.map((f) => ({ path: f.field, id: c.id, message: f.message.en })));
        }
      });
      for (const [list, items] of [['teams', doc.teams], ['checkpoints', doc.checkpoints], ['plans', doc.plans]] as const) {
        items.forEach((x, i) => {
          if (!org.findAgency(x.agencyId)) placing.push({ path: `${list}[${i}].agencyId`, id: x.id, message: `unknown agency "${x.agencyId}"` });
        });
      }
      print(io, placing);
      io.out(`${placing.length ? 'FAILED' : 'OK'}: ${doc.teams.length} teams, ${doc.members.length} members, ${doc.checkpoints.length} checkpoints, ${doc.plans.length} plans; ${placing.length} problem(s)`);
      return placing.length ? 1 : 0;
    }
    const ctx = {
      db,
      org,
      network,
      // the server's relay publishes what the command line writes into the outbox: nothing to kick here
      outbox: { kick: () => {} },
      key: await checkpointKey(db.kysely, config.patrols?.checkpointKey ?? null),
      rules: DEFAULT_VERIFY_RULES,
      welfareS: config.patrols?.welfareS ?? 1200,
      personal: new PersonalRecords(new PersonalData(openKeyring(config.dataKeyFile).ring)),
    };
    step(`importing ${file}…`);
    const progress = new Progress('civil defence', doc.teams.length + doc.members.length + doc.checkpoints.length + doc.plans.length);
    const result = await importDocument({ teams: new TeamService(ctx), checkpoints: new CheckpointService(ctx), plans: new PlanService(ctx) }, cliActor(), doc, (done) => progress.update(done));
    progress.done();
    print(io, result.problems);
    const w = result.written;
    io.out(`imported ${w.teams} teams, ${w.members} members, ${w.checkpoints} checkpoints and ${w.plans} plans${result.problems.length ? `; ${result.problems.length} item(s) refused` : ''}`);
    return result.problems.length ? 1 : 0;
  } finally {
    await db.close();
  }
}
