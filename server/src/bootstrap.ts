import type { Config } from './platform/config.js';
import { SYSTEM_ACTOR } from './platform/auth/actor.js';
import type { Services } from './app.js';
import { seedDemo } from './demo/seed.js';
import { PLATFORM_AGENCY_ID } from './modules/organisation/platform.js';

export { PLATFORM_AGENCY_ID };
export const DEFAULT_DEMO_PASSWORD = 'railjoint-demo';

/**
 * First-start work, idempotent on every start: the category taxonomy and responsibility matrix,
 * the platform agency and the admin account, and the demo department on an empty database.
 */
export async function bootstrap(
  services: Services,
  config: Config,
  opts: { announce: (line: string) => void; demoPassword?: string },
): Promise<void> {
  await services.organisation.ensureDefaults(SYSTEM_ACTOR, PLATFORM_AGENCY_ID);
  const admin = await services.users.ensureAdmin(SYSTEM_ACTOR, PLATFORM_AGENCY_ID, config.adminPassword);
  if (admin.generatedPassword) {
    opts.announce(`Created user "admin" with the generated password: ${admin.generatedPassword}  (shown once; set RAILJOINT_ADMIN_PASSWORD to choose it)`);
  }
  if (admin.weak) opts.announce(`Warning: RAILJOINT_ADMIN_PASSWORD would be refused as a new password (${admin.weak}); change it after signing in.`);
  if (config.demo && (await services.network.isEmpty()) && (await services.organisation.onlyPlatformAgency())) {
    const password = opts.demoPassword ?? process.env.RAILJOINT_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
    const summary = await seedDemo(services, password);
    opts.announce(`Seeded the demo department: ${summary}. Demo users sign in with the password "${password}" (e.g. lz.dispatcher1).`);
  }
}
