import { formatMileage, type ChainInfo, type Mileage } from '@railjoint/contracts';

/** A mileage as people write it: whole metres, or millimetres when the value has a fraction. */
export function mileageText(m: Mileage): string {
  const whole = Math.abs(m.metres - Math.round(m.metres)) < 5e-4;
  return formatMileage(Math.max(0, m.metres), m.prefix, whole ? 0 : 3);
}

/**
 * The sentence a dispatcher reads next to a mileage at or near a chain break (断链). Chinese terms
 * stay in brackets because the posts and the line books use them.
 */
export function chainNote(c: Omit<ChainInfo, 'note'>): string {
  const post = `the chain-break post ${c.behind} = ${c.ahead}`;
  if (c.kind === 'short') {
    return `Short chain (短链) of ${c.lengthM} m at ${post}: mileage ${c.behind} to ${c.ahead} does not exist on this line.`;
  }
  const repeated = `mileage ${c.ahead} to ${c.behind} occurs twice`;
  if (c.occurrence === 1) return `Long chain (长链) of ${c.lengthM} m at ${post}: ${repeated}; this is the first occurrence, before the post.`;
  if (c.occurrence === 2) return `Long chain (长链) of ${c.lengthM} m at ${post}: ${repeated}; this is the second occurrence, after the post.`;
  return `Long chain (长链) of ${c.lengthM} m at ${post}: ${repeated}.`;
}
