import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError } from './platform/config.js';
import { createApp } from './app.js';

// Wires configuration → database → services → HTTP; nothing else lives here.
const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { demo: true });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  config.webDist ??= path.resolve(here, '../../web/dist');
  const app = await createApp(config, { announce: (line) => console.log(line) });
  await app.http.listen({ port: config.port, host: config.host });
  console.log(`RailJoint is running: http://localhost:${config.port}  (API docs: /api/docs, database: ${config.database.engine})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
