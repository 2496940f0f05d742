import { SYSTEM_ACTOR } from '../platform/auth/actor.js';

const SYSTEM_ACTOR_ADMIN = { ...SYSTEM_ACTOR, roles: ['admin' as const] };
import type { Services } from '../app.js';

/** Loads the demo department into an empty database through the same paths as a real import. */
export async function seedDemo(services: Services, password: string): Promise<string> {
  // Loaded only when seeding, so a production start does not carry the generator.
  const { generateDemo } = await import('./generate.js');
  const demo = generateDemo({ scale: 'department' });
  await services.network.import(SYSTEM_ACTOR, demo.network, 'replace');
  await services.organisation.import(SYSTEM_ACTOR, demo.organisation);
  const { generateDemoTimetable } = await import('./timetable.js');
  const timetable = await services.trains.import(SYSTEM_ACTOR, generateDemoTimetable(demo.network));
  const users = await services.users.createMany(SYSTEM_ACTOR, demo.users, password);
  const { generateDemoUnits } = await import('./units.js');
  const { CreateUnitRequest } = await import('@railjoint/contracts');
  const units = await services.units.createMany(SYSTEM_ACTOR, generateDemoUnits(demo.network, demo.organisation).map((u) => CreateUnitRequest.parse(u)));
  const { generateDemoDevices } = await import('./devices.js');
  const { DeviceInput } = await import('@railjoint/contracts');
  const devices = await services.defence.devices.importRows(SYSTEM_ACTOR, generateDemoDevices(demo.network, demo.organisation).map((d, i) => ({ row: i + 1, input: DeviceInput.parse(d) })));
  if (devices.errors.length) throw new Error(`the demo's devices did not import: ${JSON.stringify(devices.errors.slice(0, 3))}`);
  const { demoSharingAgreements } = await import('./sharing-agreements.js');
  for (const a of demoSharingAgreements(demo.organisation)) await services.sharing.saveAgreement(SYSTEM_ACTOR, a);
  const { demoSeats, demoShifts } = await import('./duty.js');
  const seats = demoSeats(demo.organisation);
  const centre = demo.organisation.agencies.find((a) => a.type === 'coordination_centre');
  if (centre) await services.duty.saveCentre(SYSTEM_ACTOR_ADMIN, centre.id, { level: 'department', parentAgencyId: null });
  for (const seat of seats) await services.duty.saveSeat(SYSTEM_ACTOR_ADMIN, seat);
  const { now } = await import('../platform/clock.js');
  for (const shift of demoShifts(now(), seats, new Set(demo.users.map((u) => u.username)))) await services.duty.addShift(SYSTEM_ACTOR_ADMIN, shift);
  const { demoCivilDefence } = await import('./patrols.js');
  const { checkDocument, importDocument } = await import('../modules/patrols/bulk-import.js');
  const civil = checkDocument(demoCivilDefence(demo.network, demo.organisation));
  if (!civil.doc) throw new Error(`the demo's civil defence file is invalid: ${JSON.stringify(civil.problems.slice(0, 3))}`);
  const imported = await importDocument(services.civil, SYSTEM_ACTOR, civil.doc);
  if (imported.problems.length) throw new Error(`the demo's civil defence did not import: ${JSON.stringify(imported.problems.slice(0, 3))}`);
  const { seedDemoHazards } = await import('../modules/hazards/demo.js');
  const hazardActor = { ...SYSTEM_ACTOR_ADMIN, agencyId: centre?.id ?? SYSTEM_ACTOR.agencyId, agencyType: 'coordination_centre' as const };
  const hazards = await seedDemoHazards(services.hazards, services.network, services.organisation, hazardActor);
  const { seedDemoHistory } = await import('../modules/risk/demo.js');
  const history = await seedDemoHistory(services.risk.service, services.network.current(), services.organisation.categories(), now());
  const { seedDemoSpace } = await import('../modules/defensible-space/demo.js');
  const assessed = await seedDemoSpace(services.space.service, services.network.current(), hazardActor, now());
  const { seedDemoScheme } = await import('../modules/assessment/demo.js');
  await seedDemoScheme(services.assessment.assessment, hazardActor);
  const stats = services.network.current().stats();
  return `${stats.lines} lines, ${Math.round(stats.lengthKm)} km, ${demo.organisation.agencies.length} agencies, ${timetable.counts.trains} trains, ${units} units, ${devices.created} devices, ${users} users, ${imported.written.teams} joint-defence teams, ${hazards.assignments} section-chief stretches, ${hazards.hazards} hazards, ${history} past incidents, ${assessed} defensible-space sites`;
}
