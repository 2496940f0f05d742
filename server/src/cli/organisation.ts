import type { OrgProblem } from '@railjoint/contracts';
import { parse, UsageError, type Io } from './args.js';
import { cliActor, openCliDatabase, readJsonFile } from './context.js';
import { step } from './progress.js';
import { NetworkService } from '../modules/network/service.js';
import { OrganisationService } from '../modules/organisation/service.js';
import { HttpError } from '../platform/http/errors.js';
import { printProblems } from './network.js';

const USAGE = 'railjoint org check FILE | railjoint org import FILE';

/** Organisation files are checked against the stored network, so both commands open the database. */
export async function orgCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'check' && sub !== 'import') throw new UsageError(`usage: ${USAGE}`);
  const { positionals } = parse(rest, {}, { min: 1, max: 1, usage: `railjoint org ${sub} FILE` });
  const input = readJsonFile(positionals[0]!);
  const db = await openCliDatabase(io.env);
  try {
    const network = await NetworkService.open(db);
    const org = await OrganisationService.open(db, network);
    if (sub === 'check') {
      step(`checking ${positionals[0]} against the stored network…`);
      const { ok, problems } = org.check(input);
      printProblems(io, problems);
      io.out(`${ok ? 'OK' : 'FAILED'}: ${problems.filter((p) => p.severity === 'error').length} error(s), ${problems.filter((p) => p.severity === 'warning').length} warning(s)`);
      return ok ? 0 : 1;
    }
    step(`importing ${positionals[0]}…`);
    const result = await org.import(cliActor(), input);
    printProblems(io, result.warnings);
    io.out(`imported ${result.agencies} agencies and ${result.jurisdictions} jurisdictions`);
    return 0;
  } catch (e) {
    if (e instanceof HttpError && e.status === 422) {
      const details = e.details as { errors: OrgProblem[]; warnings: OrgProblem[] };
      printProblems(io, [...details.errors, ...details.warnings]);
      io.err(e.message);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}
