import { cosineSimilarity, isZeroVector } from '../src/embedder';
import { EnsembleEmbedder, WORD_VECTOR_WEIGHT } from '../src/ensemble.embedder';
import { SifEmbedder } from '../src/sif.embedder';
import { UseEmbedder } from '../src/use.embedder';
import { loadGloveVectors } from '../src/word-vectors';

describe('the sentence encoder and the word vectors side by side', () => {
  let encoder: UseEmbedder;
  let words: SifEmbedder;
  let ensemble: EnsembleEmbedder;

  beforeAll(async () => {
    encoder = new UseEmbedder({ workers: 1, batchSize: 8 });
    await encoder.ready();
    words = new SifEmbedder(await loadGloveVectors());
    ensemble = new EnsembleEmbedder(encoder, words);
  });

  afterAll(() => ensemble.close());

  it('names both models and the weight, so a change of either makes a new index', () => {
    expect(ensemble.name).toBe('use-lite-512d+sif-glove-100d');
    expect(ensemble.version).toBe(`${encoder.version}+${words.version}+w${WORD_VECTOR_WEIGHT}`);
    expect(ensemble.dimensions).toBe(612);
    expect(new EnsembleEmbedder(encoder, words, 0.5).version).not.toBe(ensemble.version);
  });

  it('scores two texts by the weighted mean of the two models’ cosines', async () => {
    const texts = ['The invoice total is due within thirty days.', 'Payment of the bill must be made within a month.'];
    const [a, b] = await ensemble.embed(texts);
    const [sentenceA, sentenceB] = await encoder.embed(texts);
    const [wordsA, wordsB] = await words.embed(texts);

    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
    expect(cosineSimilarity(a, b)).toBeCloseTo(
      (cosineSimilarity(sentenceA, sentenceB) + WORD_VECTOR_WEIGHT * cosineSimilarity(wordsA, wordsB)) / (1 + WORD_VECTOR_WEIGHT),
      5,
    );
    const [sentencePart, wordPart] = ensemble.parts(a);
    expect(cosineSimilarity(sentencePart, sentenceA)).toBeCloseTo(1, 5);
    expect(cosineSimilarity(wordPart, wordsA)).toBeCloseTo(1, 5);
  });

  it('embeds a query as the models embed queries, and keeps the encoder’s meaning for a text GloVe cannot read', async () => {
    const query = await ensemble.embedQuery('fax machine');
    const [document] = await ensemble.embed(['fax machine']);
    expect(cosineSimilarity(query, document)).toBeCloseTo(1, 5);

    const [code] = await ensemble.embed(['qzxvbq wpfkjh']);
    expect(isZeroVector((await words.embed(['qzxvbq wpfkjh']))[0])).toBe(true);
    expect(Math.hypot(...code)).toBeCloseTo(1, 5);
    expect(cosineSimilarity(ensemble.parts(code)[0], (await encoder.embed(['qzxvbq wpfkjh']))[0])).toBeCloseTo(1, 5);
  });
});
