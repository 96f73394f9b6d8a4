import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LanceIndex } from '../src/lance.index';
import { annSettings, axis, chunk, DIMENSIONS, silentLogger, temporaryDirectory } from './support/chunks';

const run = promisify(execFile);

/** Runs test/fixtures/write-document.ts in a separate node process on the same directory. */
function writeFromAnotherProcess(directory: string, tenantId: string, documentId: string, text: string, count: number) {
  return run(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'fixtures/write-document.ts'), directory, tenantId, documentId, text, String(count)],
    {
      env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, 'fixtures/tsconfig.json') },
    },
  );
}

describe('a LanceDB index shared by a writer process and a reader process', () => {
  const directory = temporaryDirectory();
  let reader: LanceIndex;

  beforeAll(async () => {
    reader = await LanceIndex.open({
      directory: directory.path,
      tableName: 'chunks',
      dimensions: DIMENSIONS,
      ann: annSettings(100_000),
      logger: silentLogger,
    });
  });

  afterAll(async () => {
    await reader.close();
    directory.remove();
  });

  it('lets an open reader find, by keywords and by vector, what another process wrote after it opened', async () => {
    expect(await reader.keyword('warehouse', { tenantId: 't-shared' }, 10)).toEqual([]);

    await writeFromAnotherProcess(directory.path, 't-shared', 'manifest', 'warehouse shipping manifest', 3);

    const byWords = await reader.keyword('warehouses', { tenantId: 't-shared' }, 10);
    expect(byWords.map((hit) => hit.chunkId).sort()).toEqual(['manifest:0', 'manifest:1', 'manifest:2']);
    const byVector = await reader.vector(axis(2), { tenantId: 't-shared' }, 1);
    expect(byVector[0]).toMatchObject({ documentId: 'manifest', score: expect.closeTo(1, 5) });
  });

  it('keeps what both processes write at the same time, and a re-index from the other process replaces the chunks', async () => {
    await Promise.all([
      writeFromAnotherProcess(directory.path, 't-both', 'theirs', 'concurrent customs declaration', 2),
      reader.upsertDocumentChunks('t-both', 'ours', [chunk({ tenantId: 't-both', documentId: 'ours', text: 'concurrent customs form' })]),
    ]);
    expect((await reader.keyword('customs', { tenantId: 't-both' }, 10)).map((hit) => hit.documentId).sort()).toEqual([
      'ours',
      'theirs',
      'theirs',
    ]);

    await writeFromAnotherProcess(directory.path, 't-both', 'theirs', 'revised customs declaration', 1);
    expect((await reader.chunksOf('t-both', 'theirs')).map((stored) => stored.text)).toEqual(['revised customs declaration 0']);
  });

  it('persists: a fresh connection on the directory sees every chunk', async () => {
    const reopened = await LanceIndex.open({
      directory: directory.path,
      tableName: 'chunks',
      dimensions: DIMENSIONS,
      ann: annSettings(100_000),
      logger: silentLogger,
    });
    expect((await reopened.stats()).chunks).toBe(3 + 1 + 1);
    await reopened.close();
  });
});
