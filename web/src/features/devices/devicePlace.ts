import type { Device } from '@railjoint/contracts';

/** Where a device stands, as people read it: the line and its mileage (a stretch for a linear sensor). */
export function devicePlace(d: Device, num: (n: number, digits?: number) => string): string {
  const p = d.placement;
  if (p.lineName && p.fromMileage) return p.toMileage && p.toMileage !== p.fromMileage ? `${p.lineName} ${p.fromMileage}–${p.toMileage}` : `${p.lineName} ${p.fromMileage}`;
  return `${num(p.coordinates[1], 5)}, ${num(p.coordinates[0], 5)}`;
}

/** The board's order: what needs someone first (offline, then never heard from), then by name. */
export function healthOrder(a: Device, b: Device): number {
  const rank = { offline: 0, unknown: 1, online: 2 } as const;
  return rank[a.health.status] - rank[b.health.status] || a.name.localeCompare(b.name, 'zh-CN');
}
