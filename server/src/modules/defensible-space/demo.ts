import crypto from 'node:crypto';
import type { SpaceSiteType } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { NetworkModel } from '../network/network-model.js';
import type { DefensibleSpaceService } from './service.js';

/** A stable number in [0, 1) from a text, so the demo scores are the same on every start. */
const unit = (text: string) => crypto.createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;

/**
 * The demo department's defensible-space assessments: two each of its bridges, tunnel portals and
 * level crossings and two station forecourts, scored with a stable pattern (some well defended,
 * some open on one aspect), and one site assessed twice, a quarter apart, so its history shows.
 */
export async function seedDemoSpace(space: DefensibleSpaceService, model: NetworkModel, actor: Actor, nowMs: number): Promise<number> {
  const picks: Array<{ siteType: SpaceSiteType; name: string; lineId: string; measureM: number }> = [];
  const take = (kind: string, siteType: SpaceSiteType, suffix: string) => {
    for (const s of model.sites().filter((x) => x.siteType === kind).slice(0, 2)) picks.push({ siteType, name: `${s.name}${suffix}`, lineId: s.lineId, measureM: s.fromMeasureM });
  };
  take('bridge', 'bridge', '');
  take('tunnel', 'tunnel_portal', '进口');
  take('level_crossing', 'level_crossing', '');
  for (const st of model.stations().slice(0, 2)) {
    const on = model.lines().flatMap((l) => model.stationsOnLine(l.id)).find((x) => x.id === st.id);
    if (on) picks.push({ siteType: 'station_forecourt', name: `${st.name}站前广场`, lineId: on.on.lineId, measureM: on.on.measureM });
  }
  let made = 0;
  for (const p of picks) {
    const site = await space.createSite(actor, { siteType: p.siteType, name: p.name.slice(0, 80), place: { lineId: p.lineId, mileage: model.atMeasure(p.lineId, p.measureM).mileage } });
    const template = await space.template(p.siteType);
    // each site has one aspect left open, the others fair to good
    const open = ['regionality', 'monitoring', 'appearance', 'environment'][Math.floor(unit(site.name) * 4)];
    const scores = (shift: number) =>
      template.items.filter((i) => !i.measured).map((i) => ({ itemId: i.id, score: Math.max(0, Math.min(4, (i.aspect === open ? 1 : 3) + Math.round(unit(`${site.name}:${i.id}`) * 2 - 1) + shift)) }));
    if (made === 0) {
      const earlier = await space.assess(actor, site.id, { scores: scores(-1) });
      await space.backdate(earlier.id, new Date(nowMs - 90 * 86_400_000).toISOString());
    }
    await space.assess(actor, site.id, { scores: scores(0) });
    made++;
  }
  return made;
}
