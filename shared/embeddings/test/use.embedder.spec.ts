import { cosineSimilarity, isZeroVector } from '../src/embedder';
import { UseEmbedder } from '../src/use.embedder';

describe('the offline sentence encoder (Universal Sentence Encoder lite, in a worker thread)', () => {
  let embedder: UseEmbedder;

  beforeAll(async () => {
    embedder = new UseEmbedder({ workers: 1, batchSize: 4 });
    await embedder.ready();
  });

  afterAll(async () => {
    await embedder.close();
  });

  it('says which model and package versions it is, with 512 dimensions', () => {
    expect(embedder.dimensions).toBe(512);
    expect(embedder.name).toBe('use-lite-512d');
    expect(embedder.version).toMatch(/^embeddings@0\.2\.0\+model-embeddings-en@0\.2\.0\+core@0\.2\.0$/);
  });

  it('gives unit-length vectors, the same for the same text whatever the batch it is in', async () => {
    const text = 'Quarterly revenue grew by ten percent.';
    const others = ['The cat sat on the mat.', 'Rent is due on the first of the month.', 'A short one.', 'Five texts make two batches.'];
    const [alone] = await embedder.embed([text]);
    const batched = await embedder.embed([...others, text]);

    expect(alone).toHaveLength(512);
    expect(Math.hypot(...alone)).toBeCloseTo(1, 4);
    expect(cosineSimilarity(batched[4], alone)).toBeGreaterThan(0.999);
    expect(batched).toHaveLength(5);
  });

  it('finds a paraphrase that shares no content word, where word order and meaning matter', async () => {
    const [fax, facsimile, unrelated] = await embedder.embed([
      'Please send the signed form by fax machine.',
      'Kindly return the executed document via facsimile.',
      'The football team won the championship after a penalty shootout.',
    ]);

    expect(cosineSimilarity(fax, facsimile)).toBeGreaterThan(cosineSimilarity(fax, unrelated) + 0.2);
  });

  it('ranks the passage about the query topic first among several', async () => {
    const passages = [
      'The tenant shall pay the monthly rent for the apartment to the landlord.',
      'Patients with high blood pressure were given the new drug in the clinical trial.',
      'The football team won the championship after a penalty shootout.',
    ];
    const [query, ...vectors] = await embedder.embed(['medical study of a medicine for hypertension', ...passages]);
    const ranked = vectors
      .map((vector, index) => ({ index, similarity: cosineSimilarity(query, vector) }))
      .sort((a, b) => b.similarity - a.similarity);

    expect(ranked[0].index).toBe(1);
  });

  it('embeds text without a single word to the zero vector, and an empty batch to nothing', async () => {
    const [empty, punctuation, word] = await embedder.embed(['', '  ... !!! ', 'invoice']);

    expect(isZeroVector(empty)).toBe(true);
    expect(isZeroVector(punctuation)).toBe(true);
    expect(isZeroVector(word)).toBe(false);
    expect(await embedder.embed([])).toEqual([]);
  });

  it('refuses to embed once closed, with a code that says so', async () => {
    const other = new UseEmbedder({ workers: 1, batchSize: 8 });
    expect((await other.embed(['One more encoder.']))[0]).toHaveLength(512);

    await other.close();
    await expect(other.embed(['again'])).rejects.toMatchObject({ code: 'embedder_closed' });
  });
});
