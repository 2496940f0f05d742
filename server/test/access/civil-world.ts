import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { World } from './world.js';
import { jpegWithGps } from '../../src/modules/patrols/photos.fixtures.js';

/**
 * Civil defence in the access world (issue 10): the demo's teams (a village team, the station's
 * and the county's in a joint plan, the bridge guards), their members and checkpoints, a patrol of
 * the village team with a finding that became an incident and a welfare alert, a patrol of the
 * station's team on the joint duty (the county reads it through the plan), and a public report
 * with contact details at the place of I1.
 */
export async function buildCivilDefence(w: World): Promise<void> {
  const now = Date.parse((await w.t.http.inject({ method: 'GET', url: '/api/clock' })).json().now);
  const at = (min: number) => new Date(now + min * 60_000).toISOString();

  for (const [id, label] of [
    ['pt-vt-luorong', 'village team'],
    ['pt-lz-ps-liuzhou', 'station team in the joint plan'],
    ['pt-cb-yufeng', 'county team in the joint plan'],
    ['pt-sec-liuzhou', 'bridge guards'],
  ] as const) {
    w.add({ kind: 'patrol_team', id, label });
  }
  for (const id of ['pt-lz-ps-liuzhou-m1', 'pt-vt-luorong-m2']) {
    const m = await w.ok('admin', 'GET', `/api/patrol-members/${id}`);
    // the phone number names the member wherever a team is shown
    w.add({ kind: 'patrol_member', id, label: `member ${id}`, marker: m.personal.phone, parent: m.teamId });
  }
  for (const [id, label] of [
    ['cp-vt-luorong-1', 'village checkpoint'],
    ['cp-lz-ps-liuzhou-1', 'joint-plan checkpoint'],
    ['cp-sec-liuzhou-bridge', 'bridge post'],
  ] as const) {
    w.add({ kind: 'checkpoint', id, label });
  }
  for (const [id, label] of [
    ['pp-vt-luorong', 'village plan'],
    ['pp-joint-liuzhou-yufeng', 'joint plan made by the centre'],
    ['pp-sec-liuzhou-bridge', 'sentinel plan'],
  ] as const) {
    w.add({ kind: 'patrol_plan', id, label });
  }

  // the village team patrols its duty, files a finding with a photo, and falls silent
  const villageDuty = (await w.ok('vt.luorong.volunteer1', 'GET', '/api/patrol-duties?teamId=pt-vt-luorong')).duties[0];
  const village = crypto.randomUUID();
  await w.ok('vt.luorong.volunteer1', 'POST', '/api/patrols', { id: village, teamId: 'pt-vt-luorong', dutyId: villageDuty?.id ?? null, at: at(-5) });
  const cp = await w.ok('vt.luorong.volunteer1', 'GET', '/api/checkpoints/cp-vt-luorong-1');
  const finding = await w.ok('vt.luorong.volunteer1', 'POST', `/api/patrols/${village}/findings`, { id: crypto.randomUUID(), category: 'fence_damage', description: '矩阵：护网破损', lon: cp.coordinates[0], lat: cp.coordinates[1], at: at(-4) });
  const photoId = crypto.randomUUID();
  await w.ok('vt.luorong.volunteer1', 'POST', `/api/findings/${finding.id}/photos?photoId=${photoId}`, jpegWithGps(), { 'content-type': 'image/jpeg', 'x-filename': 'fence.jpg' });
  w.ids.villagePatrol = village;
  w.ids.finding = finding.id;
  w.add({ kind: 'patrol', id: village, label: 'village patrol' });
  w.add({ kind: 'finding', id: finding.id, label: 'finding that became an incident', parent: village, params: { photoId } });

  // the station's team on the joint duty: the county bureau reads it through the plan
  const jointDuty = (await w.ok('ps.liuzhou.officer', 'GET', '/api/patrol-duties?teamId=pt-lz-ps-liuzhou')).duties.find((d: { planId: string }) => d.planId === 'pp-joint-liuzhou-yufeng');
  expect(jointDuty, 'the joint plan has duties today').toBeTruthy();
  const joint = crypto.randomUUID();
  await w.ok('ps.liuzhou.officer', 'POST', '/api/patrols', { id: joint, teamId: 'pt-lz-ps-liuzhou', dutyId: jointDuty.id, at: at(-1) });
  w.ids.jointPatrol = joint;
  w.add({ kind: 'patrol', id: joint, label: 'station patrol on the joint duty' });

  // half an hour on, the village patrol has not moved: a welfare alert to its agency and the centre
  await w.t.app.services.civil.sweep(now + 30 * 60_000);
  const alerts = (await w.ok('admin', 'GET', '/api/patrol-alerts')).alerts as Array<{ id: string; kind: string; patrolId: string | null }>;
  const welfare = alerts.find((a) => a.kind === 'welfare' && a.patrolId === village);
  expect(welfare, 'the silent patrol raised a welfare alert').toBeTruthy();
  w.add({ kind: 'patrol_alert', id: welfare!.id, label: 'welfare alert of the village patrol' });

  // a member of the public reports stones at I1's place, leaving a phone number
  const receipt = await w.t.http.inject({ method: 'POST', url: '/api/public/reports', remoteAddress: '192.0.2.77', payload: { category: 'stone_throwing', where: { lon: 109.5125, lat: 24.367 }, description: '矩阵：有人向列车扔石头', contact: { phone: '17099990000' } } });
  expect(receipt.statusCode, receipt.body).toBe(201);
  const report = ((await w.ok('admin', 'GET', '/api/public-reports')).reports as Array<{ id: string; description: string }>).find((r) => r.description === '矩阵：有人向列车扔石头')!;
  const photo = await w.t.http.inject({ method: 'POST', url: `/api/public/reports/${receipt.json().trackingCode}/photos`, remoteAddress: '192.0.2.77', payload: jpegWithGps(), headers: { 'content-type': 'image/jpeg', 'x-filename': 'train.jpg' } });
  expect(photo.statusCode, photo.body).toBe(201);
  const photos = (await w.ok('admin', 'GET', `/api/public-reports/${report.id}`)).photos as Array<{ id: string }>;
  w.ids.publicReport = report.id;
  w.add({ kind: 'public_report', id: report.id, label: 'public report of stones', params: { photoId: photos[0]!.id } });
  w.add({ kind: 'reporter_contact', id: report.id, label: 'its reporter’s phone', marker: '17099990000' });
}
