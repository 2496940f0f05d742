import pg from 'pg';

/** One query against the cluster's database, for a test to count what the instances wrote. */
export async function query<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Every outbox sequence number after a point, in order: what a console that may read them all must get. */
export async function outboxSeqsAfter(url: string, after: number): Promise<number[]> {
  return (await query<{ id: number }>(url, 'select id from outbox where id > $1 order by id', [after])).map((r) => Number(r.id));
}
