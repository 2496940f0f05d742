import { parse, UsageError, type Io } from './args.js';
import { openCliDatabase } from './context.js';
import { Progress } from './progress.js';
import { AuditService } from '../modules/audit/service.js';

const USAGE = 'railjoint audit verify';

/** `railjoint audit verify`: walks the SM3 chain from the first entry; exit 1 at the first bad one. */
export async function auditCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'verify') throw new UsageError(`usage: ${USAGE}`);
  parse(rest, {}, { min: 0, max: 0, usage: USAGE });
  const db = await openCliDatabase(io.env);
  try {
    let bar: Progress | null = null;
    // the machine that holds the database checks it directly: no sign-in, nothing recorded
    const result = await new AuditService(db.kysely).verify(null, (done, total) => (bar ??= new Progress('audit entries', total)).update(done));
    (bar as Progress | null)?.done();
    if (result.ok) {
      io.out(`OK ${result.checked} entries, SM3 chain intact; head ${result.headSeq ?? '-'} ${result.headHash ?? ''}`.trim());
      return 0;
    }
    const bad = result.firstBad!;
    io.out(`BAD entry ${bad.seq}: ${bad.reason}: ${bad.message} (${result.checked} entries before it hold)`);
    return 1;
  } finally {
    await db.close();
  }
}
