import type { AreaClass, ProtectionZoneVerdict } from '@railjoint/contracts';

export const DEFAULT_FORMATION_HALF_WIDTH_M = 12;

/** 铁路安全管理条例 art. 27: zone width from the formation edge, [conventional, high-speed], metres. */
export const PROTECTION_ZONE_WIDTHS_M: Readonly<Record<AreaClass, readonly [number, number]>> = {
  urban: [8, 10],
  suburban: [10, 12],
  village: [12, 15],
  other: [15, 20],
};

export const PROTECTION_ZONE_BASIS = '《铁路安全管理条例》第二十七条 (Railway Safety Management Regulations, art. 27)';

export function protectionZoneWidthM(areaClass: AreaClass, highSpeed: boolean): number {
  const pair = PROTECTION_ZONE_WIDTHS_M[areaClass];
  return highSpeed ? pair[1] : pair[0];
}

/**
 * `inside` means inside the zone proper: beyond the formation edge and within the width. A point
 * on the formation itself (distanceFromEdgeM ≤ 0) is railway ground, not zone, because the
 * regulations attach different duties to the two.
 */
export function protectionZoneVerdict(
  offsetM: number,
  highSpeed: boolean,
  areaClass: AreaClass,
  formationHalfWidthM: number = DEFAULT_FORMATION_HALF_WIDTH_M,
): ProtectionZoneVerdict {
  const widthM = protectionZoneWidthM(areaClass, highSpeed);
  const distanceFromEdgeM = round2(Math.abs(offsetM) - formationHalfWidthM);
  return {
    inside: distanceFromEdgeM > 0 && distanceFromEdgeM <= widthM,
    widthM,
    areaClass,
    highSpeed,
    distanceFromEdgeM,
    basis: PROTECTION_ZONE_BASIS,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
