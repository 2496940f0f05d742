import type { OrganisationDocument, Seat } from '@railjoint/contracts';

/** The demo centre's seats: four dispatch seats, the duty commander, and liaison seats of the county bureaus and the main station. */
export function demoSeats(org: OrganisationDocument): Seat[] {
  const centre = org.agencies.find((a) => a.type === 'coordination_centre');
  if (!centre) return [];
  const seats: Seat[] = [];
  let position = 0;
  for (let i = 1; i <= 4; i++) seats.push({ id: `seat-dispatch-${i}`, centreAgencyId: centre.id, agencyId: centre.id, name: `接警调度 ${i} 号席`, kind: 'dispatch', position: position++ });
  seats.push({ id: 'seat-command', centreAgencyId: centre.id, agencyId: centre.id, name: '值班指挥长席', kind: 'command', position: position++ });
  for (const a of org.agencies.filter((x) => x.type === 'county_police_bureau' || x.id === 'rs-liuzhou')) {
    seats.push({ id: `seat-${a.id}`, centreAgencyId: centre.id, agencyId: a.id, name: `${a.name}联络席`, kind: 'liaison', position: position++ });
  }
  return seats;
}

/**
 * Twelve-hour shifts (08:00–20:00 and 20:00–08:00 Beijing time): the current one and the next,
 * so the demo shows who is on duty now and who takes over.
 */
export function demoShifts(now: number, seats: Seat[], usernames: Set<string>): Array<{ seatId: string; userId: string; startsAt: string; endsAt: string }> {
  const bj = now + 8 * 3600_000;
  const day = Math.floor(bj / 86_400_000) * 86_400_000;
  const hour = (bj - day) / 3600_000;
  const startBj = hour >= 8 && hour < 20 ? day + 8 * 3600_000 : hour >= 20 ? day + 20 * 3600_000 : day - 4 * 3600_000;
  const start = startBj - 8 * 3600_000;
  const blocks = [start, start + 12 * 3600_000];
  const out: Array<{ seatId: string; userId: string; startsAt: string; endsAt: string }> = [];
  const staff = (seat: Seat, k: number): string | null => {
    if (seat.kind === 'dispatch') return `lz.dispatcher${((Number(seat.id.slice(-1)) - 1 + k * 2) % 4) + 1}`;
    if (seat.kind === 'command') return k === 0 ? 'lz.commander' : null;
    const py = seat.agencyId.replace(/^cb-/, '');
    return seat.agencyId === 'rs-liuzhou' ? 'rs.liuzhou.officer' : `${py}.liaison`;
  };
  for (const seat of seats) {
    blocks.forEach((b, k) => {
      const user = staff(seat, k);
      // dispatch seats 1–2 staff the first block, 3–4 the second, so nobody sits twice at once
      if (seat.kind === 'dispatch' && Number(seat.id.slice(-1)) > 2) return;
      if (seat.kind === 'liaison' && k === 1) return;
      if (user && usernames.has(user)) out.push({ seatId: seat.id, userId: user, startsAt: new Date(b).toISOString(), endsAt: new Date(b + 12 * 3600_000).toISOString() });
    });
  }
  return out;
}
