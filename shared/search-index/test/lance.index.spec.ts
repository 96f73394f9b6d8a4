import { LanceIndex } from '../src/lance.index';
import { annSettings, axis, chunk, DIMENSIONS, silentLogger, temporaryDirectory } from './support/chunks';

describe('the LanceDB search index', () => {
  const directory = temporaryDirectory();
  let index: LanceIndex;

  beforeAll(async () => {
    index = await LanceIndex.open({
      directory: directory.path,
      tableName: 'chunks',
      dimensions: DIMENSIONS,
      ann: annSettings(100_000),
      logger: silentLogger,
    });
  });

  afterAll(async () => {
    await index.close();
    directory.remove();
  });

  it('finds chunks by keywords (BM25, stemmed) and by vector (cosine), best first', async () => {
    await index.upsertDocumentChunks('t-find', 'doc-invoice', [
      chunk({
        tenantId: 't-find',
        documentId: 'doc-invoice',
        text: 'Invoice 1042: the total amount is due within thirty days.',
        vector: axis(0),
      }),
    ]);
    await index.upsertDocumentChunks('t-find', 'doc-lease', [
      chunk({
        tenantId: 't-find',
        documentId: 'doc-lease',
        text: 'The tenant pays the rent for the apartment monthly. No invoices.',
        vector: axis(1),
        documentType: 'contract',
      }),
    ]);

    const byWords = await index.keyword('invoices due', { tenantId: 't-find' }, 10);
    expect(byWords.map((hit) => hit.documentId)).toEqual(['doc-invoice', 'doc-lease']);
    expect(byWords[0].score).toBeGreaterThan(byWords[1].score);
    expect(byWords[0]).toMatchObject({
      chunkId: 'doc-invoice:0',
      page: 1,
      fileName: 'doc-invoice.pdf',
      documentType: 'invoice',
      createdAt: '2024-03-01T10:00:00.000Z',
    });

    const byVector = await index.vector(axis(1), { tenantId: 't-find' }, 10);
    expect(byVector.map((hit) => hit.documentId)).toEqual(['doc-lease', 'doc-invoice']);
    expect(byVector[0].score).toBeCloseTo(1, 5);
    expect(byVector[1].score).toBeCloseTo(0, 5);
  });

  it('forgives a typo in a long word when asked (once the rows are in the BM25 index), keeping the exact match ahead', async () => {
    const tenantId = 't-typos';
    const texts = { exact: 'Shipment to the Rotterdam warehouse.', near: 'Shipment to the Rotterdom warehouse.', tax: 'Tax return.' };
    for (const [documentId, text] of Object.entries(texts))
      await index.upsertDocumentChunks(tenantId, documentId, [chunk({ tenantId, documentId, text })]);
    // Fuzzy terms are looked up in the full-text index: rows written since the last optimization match exactly only.
    await index.optimize();
    const ids = async (query: string, typos: boolean) =>
      (await index.keyword(query, { tenantId }, 10, { typos })).map((hit) => hit.documentId);

    expect(await ids('Roterdam', false)).toEqual([]);
    // One edit from Rotterdam; Rotterdom is two.
    expect(await ids('Roterdam', true)).toEqual(['exact']);
    expect(await ids('Rotterdam', true)).toEqual(['exact', 'near']);
    // Short words are searched exactly: "fax" would otherwise find "tax".
    expect(await ids('fax', true)).toEqual([]);
  });

  it("replaces a document's chunks instead of adding to them", async () => {
    const tenantId = 't-replace';
    const three = [0, 1, 2].map((ordinal) => chunk({ tenantId, documentId: 'doc', text: `first version paragraph ${ordinal}` }, ordinal));
    await index.upsertDocumentChunks(tenantId, 'doc', three);
    await index.upsertDocumentChunks(tenantId, 'doc', three);
    expect(await index.chunksOf(tenantId, 'doc')).toHaveLength(3);

    const two = [0, 1].map((ordinal) => chunk({ tenantId, documentId: 'doc', text: `second version section ${ordinal}` }, ordinal));
    await index.upsertDocumentChunks(tenantId, 'doc', two);

    const stored = await index.chunksOf(tenantId, 'doc');
    expect(stored.map((stored) => [stored.chunkId, stored.text])).toEqual([
      ['doc:0', 'second version section 0'],
      ['doc:1', 'second version section 1'],
    ]);
    expect(stored[0].vector).toEqual(axis(0));
    expect(stored[0].pipeline).toEqual({ extractor: 'test-extractor@1', chunker: 'test-chunker@1', embedder: 'test-embedder@1' });
    expect(await index.keyword('paragraph', { tenantId }, 10)).toEqual([]);
  });

  it("never returns another tenant's chunks, even when that tenant has many more matches", async () => {
    const crowd = Array.from({ length: 200 }, (_, i) =>
      chunk({ tenantId: 't-crowd', documentId: 'crowd', text: `quarterly revenue report number ${i}` }, i),
    );
    await index.upsertDocumentChunks('t-crowd', 'crowd', crowd);
    await index.upsertDocumentChunks('t-small', 'mine', [
      chunk({ tenantId: 't-small', documentId: 'mine', text: 'my quarterly revenue report' }),
    ]);

    const keyword = await index.keyword('quarterly revenue report', { tenantId: 't-small' }, 5);
    const vector = await index.vector(axis(0), { tenantId: 't-small' }, 5);

    expect(keyword.map((hit) => hit.documentId)).toEqual(['mine']);
    expect(vector.map((hit) => hit.documentId)).toEqual(['mine']);
    expect(await index.keyword('report', { tenantId: 't-nobody' }, 5)).toEqual([]);
  });

  it('filters by document type, tag, creation date and an excluded document', async () => {
    const tenantId = 't-filter';
    await index.upsertDocumentChunks(tenantId, 'a', [
      chunk({
        tenantId,
        documentId: 'a',
        text: 'shipping notice',
        documentType: 'letter',
        tags: ['urgent', 'q1'],
        createdAt: '2024-01-15T00:00:00.000Z',
      }),
    ]);
    await index.upsertDocumentChunks(tenantId, 'b', [
      chunk({
        tenantId,
        documentId: 'b',
        text: 'shipping notice',
        documentType: 'invoice',
        tags: ['q2'],
        createdAt: '2024-05-15T00:00:00.000Z',
      }),
    ]);
    const ids = async (filters: object) =>
      (await index.keyword('shipping', { tenantId, ...filters }, 10)).map((hit) => hit.documentId).sort();

    expect(await ids({})).toEqual(['a', 'b']);
    expect(await ids({ documentType: 'letter' })).toEqual(['a']);
    expect(await ids({ tag: 'q2' })).toEqual(['b']);
    expect(await ids({ from: '2024-02-01T00:00:00Z' })).toEqual(['b']);
    expect(await ids({ to: '2024-02-01T00:00:00Z' })).toEqual(['a']);
    expect(await ids({ from: '2024-01-15T00:00:00.000Z', to: '2024-01-15T00:00:00.000Z' })).toEqual(['a']);
    expect(await ids({ excludeDocumentId: 'a' })).toEqual(['b']);
    expect((await index.vector(axis(0), { tenantId, tag: 'urgent' }, 10)).map((hit) => hit.documentId)).toEqual(['a']);
  });

  it('takes any query text as words: operators and brackets are not syntax, stop words alone match nothing', async () => {
    const tenantId = 't-query';
    await index.upsertDocumentChunks(tenantId, 'terms', [chunk({ tenantId, documentId: 'terms', text: 'The payment terms of the lease' })]);

    expect((await index.keyword('"payment" AND (terms OR', { tenantId }, 10)).map((hit) => hit.documentId)).toEqual(['terms']);
    expect(await index.keyword('the of', { tenantId }, 10)).toEqual([]);
    expect(await index.keyword('?!', { tenantId }, 10)).toEqual([]);
  });

  it('treats quotes in filter values as data', async () => {
    const tenantId = "t-o'brien";
    await index.upsertDocumentChunks(tenantId, "doc'1", [chunk({ tenantId, documentId: "doc'1", text: 'quoted values', tags: ["it's"] })]);

    expect((await index.keyword('quoted', { tenantId, tag: "it's" }, 10)).map((hit) => hit.documentId)).toEqual(["doc'1"]);
    expect(await index.keyword('quoted', { tenantId: "t-o' OR '1'='1" }, 10)).toEqual([]);
    expect(await index.deleteDocument(tenantId, "doc'1")).toBe(1);
  });

  it('finds a chunk without a vector by keywords only', async () => {
    const tenantId = 't-novector';
    await index.upsertDocumentChunks(tenantId, 'codes', [chunk({ tenantId, documentId: 'codes', text: 'zx-81 qq-42', vector: null })]);

    expect((await index.keyword('zx', { tenantId }, 10)).map((hit) => hit.documentId)).toEqual(['codes']);
    expect(await index.vector(axis(0), { tenantId }, 10)).toEqual([]);
    expect((await index.chunksOf(tenantId, 'codes'))[0].vector).toBeNull();
  });

  it('sets a corrected type on every chunk of the document, and filters by the new type at once, in the BM25 and vector searches', async () => {
    const tenantId = 't-retype';
    await index.upsertDocumentChunks(
      tenantId,
      'memo',
      [0, 1].map((ordinal) => chunk({ tenantId, documentId: 'memo', text: `salary slip part ${ordinal}`, documentType: 'other' }, ordinal)),
    );
    await index.upsertDocumentChunks(tenantId, 'kept', [
      chunk({ tenantId, documentId: 'kept', text: 'salary slip', documentType: 'other' }),
    ]);
    await index.optimize();

    expect(await index.setDocumentType(tenantId, 'memo', 'payslip')).toBe(2);

    expect((await index.chunksOf(tenantId, 'memo')).map((c) => c.documentType)).toEqual(['payslip', 'payslip']);
    expect((await index.chunksOf(tenantId, 'kept')).map((c) => c.documentType)).toEqual(['other']);
    const typed = async (documentType: string) =>
      (await index.keyword('salary slip', { tenantId, documentType }, 10)).map((hit) => hit.chunkId).sort();
    expect(await typed('payslip')).toEqual(['memo:0', 'memo:1']);
    expect(await typed('other')).toEqual(['kept:0']);
    expect((await index.vector(axis(0), { tenantId, documentType: 'payslip' }, 10)).map((hit) => hit.documentId)).toEqual(['memo', 'memo']);
    expect(await index.setDocumentType('t-other', 'memo', 'letter')).toBe(0);
    expect(await index.setDocumentType(tenantId, 'not-indexed', 'letter')).toBe(0);
  });

  it("deletes a document's chunks, and deleting again is fine", async () => {
    const tenantId = 't-delete';
    await index.upsertDocumentChunks(
      tenantId,
      'gone',
      [0, 1].map((ordinal) => chunk({ tenantId, documentId: 'gone', text: 'to be removed' }, ordinal)),
    );

    expect(await index.deleteDocument('t-other', 'gone')).toBe(0);
    expect(await index.deleteDocument(tenantId, 'gone')).toBe(2);
    expect(await index.deleteDocument(tenantId, 'gone')).toBe(0);
    expect(await index.chunksOf(tenantId, 'gone')).toEqual([]);
    expect(await index.keyword('removed', { tenantId }, 10)).toEqual([]);
  });

  it('refuses to open a table whose vectors have another size', async () => {
    await expect(
      LanceIndex.open({
        directory: directory.path,
        tableName: 'chunks',
        dimensions: 16,
        ann: annSettings(100_000),
        logger: silentLogger,
      }),
    ).rejects.toMatchObject({ code: 'search_index_mismatch' });
  });
});

describe('LanceDB maintenance', () => {
  const directory = temporaryDirectory();
  afterAll(() => directory.remove());

  it('builds an ANN index once there are enough vectors, and keeps finding new and old chunks', async () => {
    const index = await LanceIndex.open({
      directory: directory.path,
      tableName: 'chunks',
      dimensions: DIMENSIONS,
      ann: annSettings(256),
      logger: silentLogger,
    });
    const tenantId = 't-ann';
    const chunks = Array.from({ length: 400 }, (_, i) =>
      chunk({ tenantId, documentId: 'notes', text: `note ${i}`, vector: axis(i % DIMENSIONS, (i + 1) % DIMENSIONS) }, i),
    );
    await index.upsertDocumentChunks(tenantId, 'notes', chunks.slice(0, 200));
    await index.upsertDocumentChunks(tenantId, 'notes', chunks);
    await index.optimize();
    await index.upsertDocumentChunks(tenantId, 'late', [chunk({ tenantId, documentId: 'late', text: 'late arrival', vector: axis(3) })]);

    const stats = await index.stats();
    expect(stats.chunks).toBe(401);
    expect(stats.details.indexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'vector_idx', indexType: 'IVF_FLAT', numIndexedRows: 400 })]),
    );
    expect((await index.vector(axis(3), { tenantId }, 1))[0].documentId).toBe('late');
    expect((await index.vector(axis(5, 6), { tenantId }, 3)).every((hit) => hit.score > 0.99)).toBe(true);
    await index.close();

    // Another kind of ANN index configured: the next maintenance replaces the one built, and search goes on.
    const graph = await LanceIndex.open({
      directory: directory.path,
      tableName: 'chunks',
      dimensions: DIMENSIONS,
      ann: { ...annSettings(256), kind: 'hnsw-sq' },
      logger: silentLogger,
    });
    await graph.optimize();
    expect((await graph.stats()).details.indexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'vector_idx', indexType: 'IVF_HNSW_SQ', numIndexedRows: 401 })]),
    );
    expect((await graph.vector(axis(3), { tenantId }, 1))[0].documentId).toBe('late');
    await graph.close();
  });

  it('writes without maintaining, finds fresh rows by their words at once, and by a typo once maintenance folded them in', async () => {
    const maintained = await LanceIndex.open({
      directory: directory.path,
      tableName: 'maintained',
      dimensions: DIMENSIONS,
      ann: annSettings(256),
      // Checks every 50 ms; runs from 300 unindexed rows, or after an hour for fewer.
      maintenance: { minUnindexedRows: 300, intervalMs: 3_600_000, checkEveryMs: 50 },
      logger: silentLogger,
    });
    const tenantId = 't-maintained';
    const notes = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        chunk({ tenantId, documentId: `doc-${from + i}`, text: `memo code${from + i}`, vector: axis((from + i) % DIMENSIONS) }),
      );
    for (const note of notes(0, 20)) await maintained.upsertDocumentChunks(tenantId, note.documentId, [note]);

    // Under the threshold nothing was built: the 20 rows are searched exactly, by keywords and by vector.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await maintained.stats()).details).toMatchObject({ unindexedRows: 20, maintenance: { runs: 0, state: 'idle' } });
    expect((await maintained.keyword('code7', { tenantId }, 1))[0].documentId).toBe('doc-7');
    expect((await maintained.vector(axis(7), { tenantId }, 20)).map((hit) => hit.documentId)).toContain('doc-15');

    const many = notes(20, 380);
    await maintained.upsertDocumentChunks(
      tenantId,
      'bulk',
      many.map((note, ordinal) => ({ ...note, documentId: 'bulk', chunkId: `bulk:${ordinal}`, ordinal })),
    );
    await waitFor(async () => ((await maintained.stats()).details.maintenance as { runs: number }).runs >= 1);
    const details = (await maintained.stats()).details;
    expect(details).toMatchObject({ unindexedRows: 0, maintenance: { state: 'idle', lastRun: { rowsIndexed: 400, error: null } } });
    expect(details.indexes).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'vector_idx', numIndexedRows: 400 })]));

    // A row written after the build is found at once, beside the indexed ones.
    await maintained.upsertDocumentChunks(tenantId, 'fresh', [
      chunk({ tenantId, documentId: 'fresh', text: 'freshly written zebra from Rotterdam', vector: axis(1, 2) }),
    ]);
    expect((await maintained.stats()).details).toMatchObject({ unindexedRows: 1 });
    expect((await maintained.vector(axis(1, 2), { tenantId }, 1))[0].documentId).toBe('fresh');
    expect((await maintained.keyword('zebra', { tenantId }, 1))[0].documentId).toBe('fresh');
    // The typo-tolerant query (the service's default) finds it by its exact words too; a typo does not match it yet:
    // LanceDB looks fuzzy terms up in the full-text index's dictionary, which the unindexed rows are not in.
    expect((await maintained.keyword('freshly written', { tenantId }, 1, { typos: true }))[0].documentId).toBe('fresh');
    expect(await maintained.keyword('Roterdam', { tenantId }, 1, { typos: true })).toEqual([]);
    // Maintenance folds the row into the full-text index; from then on the typo finds it.
    await maintained.optimize();
    expect((await maintained.keyword('Roterdam', { tenantId }, 1, { typos: true }))[0].documentId).toBe('fresh');
    await maintained.close();
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
