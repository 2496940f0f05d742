import type { CapAlert } from './cap-parse.js';

const RESERVED = /[\s,<&]/;

function checkPolygon(p: string, where: string, out: string[]): void {
  const pairs = p.trim().split(/\s+/);
  if (pairs.length < 4) out.push(`${where}: a polygon needs at least 4 points (the first repeated at the end), got ${pairs.length}`);
  for (const pair of pairs) {
    const [lat, lon] = pair.split(',').map(Number);
    if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      out.push(`${where}: "${pair}" is not a "latitude,longitude" pair`);
      return;
    }
  }
  if (pairs.length >= 4 && pairs[0] !== pairs[pairs.length - 1]) out.push(`${where}: a polygon must end where it starts`);
}

function checkCircle(c: string, where: string, out: string[]): void {
  const m = /^\s*(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s*$/.exec(c);
  if (!m || Math.abs(Number(m[1])) > 90 || Math.abs(Number(m[2])) > 180) out.push(`${where}: "${c}" is not "latitude,longitude radius-km"`);
}

/**
 * The rules of the CAP 1.2 specification that the schema cannot express (sections 3.2.1–3.2.4):
 * an alert can pass the XSD and still be wrong, and a wrong alert is refused with every reason.
 */
export function capContentProblems(alert: CapAlert): string[] {
  const out: string[] = [];
  // Real feeds write optional elements empty (<restriction/>, <addresses/>): they count as absent.
  const blank = (v: string | null) => (v === null || v.trim() === '' ? null : v);
  const a = { ...alert, restriction: blank(alert.restriction), addresses: blank(alert.addresses), references: blank(alert.references) };
  if (RESERVED.test(a.identifier)) out.push('identifier: must not contain spaces, commas or < &');
  if (RESERVED.test(a.sender)) out.push('sender: must not contain spaces, commas or < &');
  if (a.scope === 'Restricted' && !a.restriction) out.push('restriction: required when scope is Restricted');
  if (a.scope !== 'Restricted' && a.restriction !== null) out.push(`restriction: only used when scope is Restricted (scope is ${a.scope})`);
  if (a.scope === 'Private' && !a.addresses) out.push('addresses: required when scope is Private');
  if (['Update', 'Cancel', 'Ack', 'Error'].includes(a.msgType)) {
    if (!a.references) out.push(`references: required for msgType ${a.msgType} (the alerts it refers to)${alert.references === '' ? ', and it is empty' : ''}`);
  }
  if (a.references) {
    for (const ref of a.references.trim().split(/\s+/)) {
      if (ref.split(',').length !== 3) out.push(`references: "${ref}" is not "sender,identifier,sent"`);
    }
  }
  if (a.msgType !== 'Cancel' && a.msgType !== 'Ack' && a.msgType !== 'Error' && a.infos.length === 0) out.push('info: an alert without any info block says nothing to show');
  a.infos.forEach((info, i) => {
    const at = `info[${i}]`;
    const effective = info.effective ?? info.onset ?? a.sent;
    if (info.expires && Date.parse(info.expires) <= Date.parse(effective)) out.push(`${at}.expires: ${info.expires} is not after ${effective}`);
    info.areas.forEach((area, k) => {
      if (!area.areaDesc) out.push(`${at}.area[${k}].areaDesc: must not be empty`);
      area.polygons.forEach((p, n) => checkPolygon(p, `${at}.area[${k}].polygon[${n}]`, out));
      area.circles.forEach((c, n) => checkCircle(c, `${at}.area[${k}].circle[${n}]`, out));
    });
  });
  return out;
}
