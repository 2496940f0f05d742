import { describe, expect, it } from 'vitest';
import { CoverInstance, formatPath } from '@railjoint/contracts';

function problems(input: unknown): string[] {
  const r = CoverInstance.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}

const good = {
  p: 2,
  sites: [{ id: 'a' }, { id: 'b', fixed: true }, { id: 'c' }],
  demands: [{ id: 'x', weight: 1 }, { id: 'y', weight: 2.5 }],
  covers: { a: ['x'], b: ['x', 'y'] },
};

describe('covering instance', () => {
  it('takes a plain instance', () => {
    expect(problems(good)).toEqual([]);
  });

  it('names the field of each problem', () => {
    expect(problems({ ...good, p: 4 })).toEqual(['p: p (4) is larger than the number of sites (3)']);
    expect(problems({ ...good, p: 1, sites: [{ id: 'a', fixed: true }, { id: 'b', fixed: true }] })).toEqual(['p: p (1) is smaller than the number of fixed sites (2)']);
    expect(problems({ ...good, sites: [] })).toEqual(expect.arrayContaining(['sites: there must be at least one candidate site']));
    expect(problems({ ...good, demands: [{ id: 'x', weight: -1 }, { id: 'y', weight: 1 }] })).toEqual(['demands[0].weight: a weight cannot be negative']);
    expect(problems({ ...good, covers: { a: ['x', 'nowhere'], ghost: ['y'] } })).toEqual(['covers.a[1]: unknown demand "nowhere"', 'covers.ghost: unknown site "ghost"']);
    expect(problems({ ...good, sites: [...good.sites, { id: 'a' }], demands: [...good.demands, { id: 'y', weight: 1 }] })).toEqual(['sites[3].id: site "a" appears twice', 'demands[2].id: demand "y" appears twice']);
    expect(problems({ ...good, p: 0 })[0]).toMatch(/^p: /);
    expect(problems({ ...good, demands: [{ id: 'x' }] })[0]).toMatch(/^demands\[0\]\.weight: /);
  });
});
