import Fastify from 'fastify';
import pg from 'pg';

/**
 * The floor under one dispatcher's latency on this machine: an HTTP server doing nothing but the
 * round trips to PostgreSQL a request of the platform makes one after another, each a trivial
 * statement, one request at a time. Run as a process of its own, as an instance is, and timed by
 * the same client: what the platform adds above it is its own work; what is left is the machine
 * (loopback, three processes waking each other, PostgreSQL's commit).
 *
 * `POST /trips/:n`: a read outside any transaction (the session), then begin, n − 4 statements and
 * commit, then a read (the answer): n round trips in all; n = 0 does no database work. Prints its
 * port on stdout once listening.
 */
const url = process.argv[2];
if (!url) throw new Error('usage: floor-server.ts DATABASE_URL');
const pool = new pg.Pool({ connectionString: url, max: 2 });
await pool.query('create table if not exists floor_rows (id serial primary key, at timestamptz not null default now())');
const app = Fastify();
app.post<{ Params: { n: string } }>('/trips/:n', async (request) => {
  const n = Number(request.params.n);
  if (n === 0) return { trips: 0 };
  const client = await pool.connect();
  try {
    await client.query('select 1');
    await client.query('begin');
    // a write, so the commit has something to make durable, as an action's has
    for (let i = 0; i < n - 4; i++) await client.query(i === 0 ? 'insert into floor_rows default values' : 'select 1');
    await client.query('commit');
    await client.query('select 1');
  } finally {
    client.release();
  }
  return { trips: n };
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(typeof address === 'object' && address ? address.port : 0);
