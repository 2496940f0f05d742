import { describe, expect, it } from 'vitest';
import { byteRange } from './range.js';

describe('byte ranges', () => {
  it('reads a first-last range, an open one and a suffix, clipped to the file', () => {
    expect(byteRange('bytes=0-126', 1000)).toEqual({ start: 0, end: 126 });
    expect(byteRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=990-2000', 1000)).toEqual({ start: 990, end: 999 });
  });
  it('answers the whole file to no range or one it does not read, and refuses one beyond the end', () => {
    expect(byteRange(undefined, 1000)).toBeNull();
    expect(byteRange('bytes=0-1,5-9', 1000)).toBeNull();
    expect(byteRange('items=0-1', 1000)).toBeNull();
    expect(byteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(byteRange('bytes=5-4', 1000)).toBe('unsatisfiable');
    expect(byteRange('bytes=-0', 1000)).toBe('unsatisfiable');
  });
});
