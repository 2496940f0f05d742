import { formatMileage, MileageError, parseMileage } from '@railjoint/contracts';
import { parse, UsageError, type Io } from './args.js';

export async function mileageCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'parse') {
    const { positionals } = parse(rest, {}, { min: 1, max: 1, usage: 'railjoint mileage parse TEXT' });
    try {
      io.out(JSON.stringify(parseMileage(positionals[0]!)));
    } catch (e) {
      if (e instanceof MileageError) throw new UsageError(`bad mileage "${positionals[0]}": ${e.message}`);
      throw e;
    }
    return 0;
  }
  if (sub === 'format') {
    const usage = 'railjoint mileage format METRES [--prefix K] [--decimals N]';
    const { positionals, values } = parse(rest, { prefix: { type: 'string', default: 'K' }, decimals: { type: 'string', default: '0' } }, { min: 1, max: 1, usage });
    const metres = Number(positionals[0]);
    if (positionals[0]!.trim() === '' || !Number.isFinite(metres)) throw new UsageError(`METRES must be a number, got "${positionals[0]}"`);
    const decimals = Number(values.decimals);
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 3) throw new UsageError('--decimals must be 0, 1, 2 or 3');
    try {
      io.out(formatMileage(metres, String(values.prefix).toUpperCase(), decimals));
    } catch (e) {
      if (e instanceof MileageError) throw new UsageError(e.message);
      throw e;
    }
    return 0;
  }
  throw new UsageError('usage: railjoint mileage parse TEXT | railjoint mileage format METRES [--prefix K]');
}
