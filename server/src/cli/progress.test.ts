import { describe, expect, it } from 'vitest';
import { Progress } from './progress.js';

function recorder() {
  const lines: string[] = [];
  return { lines, stream: { isTTY: false, write: (s: string) => lines.push(s.trimEnd()) } as unknown as NodeJS.WriteStream };
}

describe('the CLI progress line', () => {
  it('counts up to the total and shows it whole at the end', () => {
    const { lines, stream } = recorder();
    const p = new Progress('entries', 4, stream);
    p.update(0);
    p.done();
    expect(lines[0]).toBe('entries [........................] 0% 0/4');
    expect(lines.at(-1)).toBe('entries [########################] 100% 4/4');
  });

  it('does not fail when the work outgrows its count (entries appended during a verify)', () => {
    const { lines, stream } = recorder();
    const p = new Progress('audit entries', 10, stream);
    expect(() => p.update(12)).not.toThrow();
    expect(lines.at(-1)).toBe('audit entries [########################] 100% 12/12');
    p.done();
    expect(lines.at(-1)).toBe('audit entries [########################] 100% 12/12');
  });
});
