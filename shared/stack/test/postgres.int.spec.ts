import { createServer, type AddressInfo, type Server } from 'node:net';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, type QueryResult } from 'pg';
import { ServerStartError, startPostgres } from '../src';
import { processesMatching } from './os-processes';

// The checkout itself, as `npm start` uses it; /work/main/.stack is git-ignored.
const CHECKOUT_STACK_DIR = resolve(__dirname, '../../../.stack');

describe('startPostgres', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'docpipe-postgres-test-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the database and answers select 1', async () => {
    const server = await startPostgres({ dataDir, database: 'docs' });
    try {
      expect(server.url).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/docs$/);
      await expect(query(server.url, 'select 1 as one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
    }
  });

  it('keeps data across stop and start on the same data dir', async () => {
    const first = await startPostgres({ dataDir });
    await query(first.url, "create table notes (body text); insert into notes values ('kept')");
    await first.stop();
    await first.stop();

    const second = await startPostgres({ dataDir });
    try {
      await expect(query(second.url, 'select body from notes')).resolves.toEqual([{ body: 'kept' }]);
    } finally {
      await second.stop();
    }
    expect(processesMatching('postgres', dataDir)).toEqual([]);
  });

  it('runs from a data dir inside the checkout', async () => {
    await mkdir(CHECKOUT_STACK_DIR, { recursive: true });
    const checkoutDir = await mkdtemp(join(CHECKOUT_STACK_DIR, 'postgres-test-'));
    try {
      const server = await startPostgres({ dataDir: checkoutDir });
      await expect(query(server.url, 'select current_database() as db')).resolves.toEqual([{ db: 'docpipe' }]);
      await server.stop();
    } finally {
      await rm(checkoutDir, { recursive: true, force: true });
    }
  });

  it('rejects with the server log when the port is taken', async () => {
    const blocker = await listen();
    try {
      const port = (blocker.address() as AddressInfo).port;
      const started = startPostgres({ dataDir, port });
      await expect(started).rejects.toThrow(ServerStartError);
      await expect(started).rejects.toThrow(/could not bind IPv4 address "127.0.0.1": Address already in use/);
    } finally {
      blocker.close();
    }
  });
});

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // A multi-statement string yields one result per statement; the last one is wanted.
    const results = (await client.query(sql)) as QueryResult | QueryResult[];
    return (Array.isArray(results) ? results[results.length - 1] : results).rows;
  } finally {
    await client.end();
  }
}

function listen(): Promise<Server> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolvePromise(server));
  });
}
