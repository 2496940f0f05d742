import { formatMileage, tryParseMileage } from '@railjoint/contracts';

export type ParsedQuery =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  /** `lineText` is what came before the mileage ("湘桂线"), empty when only a mileage was typed */
  | { kind: 'mileage'; lineText: string; mileage: string }
  | { kind: 'bad-mileage'; lineText: string };

// Lenient on purpose: dispatchers type "k123 + 456" or a full-width plus from a Chinese IME.
const MILEAGE_AT_END = /([A-Za-z]{1,2})\s*(\d+)\s*[+＋]\s*(\d+)(?:\.(\d+))?\s*$/;

export function parseQuery(input: string): ParsedQuery {
  const text = input.trim();
  if (!text) return { kind: 'empty' };
  const m = MILEAGE_AT_END.exec(text);
  if (!m) return { kind: 'text', text };
  const lineText = text.slice(0, m.index).trim();
  const decimals = m[4]?.length ?? 0;
  const parsed = tryParseMileage(`${m[1]}${m[2]}+${m[3]}${m[4] ? `.${m[4]}` : ''}`);
  if (!parsed || decimals > 3) return { kind: 'bad-mileage', lineText };
  return { kind: 'mileage', lineText, mileage: formatMileage(parsed.metres, parsed.prefix, decimals) };
}
