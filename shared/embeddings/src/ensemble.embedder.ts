import { normalize, type Embedder } from './embedder';

/**
 * How much the word vectors' cosine counts beside the sentence encoder's (1): learned by `npm run eval:search` on the
 * train half of its queries (it prints the weights it tried); a change makes a new embedder version, so a new index.
 */
export const WORD_VECTOR_WEIGHT = 0.25;

/**
 * Two embedders side by side, one vector: the sentence encoder's and the word vectors' (each unit length) concatenated
 * with weights 1 and √w and scaled to unit length, so the cosine of two texts is
 *   (cosine of the sentence vectors + w · cosine of the word vectors) / (1 + w).
 * The sentence encoder reads word order and phrasing; SIF over GloVe weighs rare, topical words the encoder's small
 * vocabulary splits into pieces. On the search evaluation the two together found more than either (README, "Search").
 * A text one model cannot read (no word GloVe knows) keeps the other model's vector.
 */
export class EnsembleEmbedder implements Embedder {
  readonly name: string;
  readonly version: string;
  readonly dimensions: number;
  private readonly scales: [number, number];

  constructor(
    private readonly sentences: Embedder,
    private readonly words: Embedder,
    weight = WORD_VECTOR_WEIGHT,
  ) {
    this.name = `${sentences.name}+${words.name}`;
    this.version = `${sentences.version}+${words.version}+w${weight}`;
    this.dimensions = sentences.dimensions + words.dimensions;
    this.scales = [1, Math.sqrt(weight)];
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const [sentences, words] = await Promise.all([this.sentences.embed(texts), this.words.embed(texts)]);
    return sentences.map((vector, i) => this.join(vector, words[i]));
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [sentence, words] = await Promise.all([this.sentences.embedQuery(text), this.words.embedQuery(text)]);
    return this.join(sentence, words);
  }

  async close(): Promise<void> {
    await Promise.all([this.sentences.close(), this.words.close()]);
  }

  /** The weighted parts of a vector this embedder made, each back at unit length (the evaluation learns the weight from them). */
  parts(vector: Float32Array): [Float32Array, Float32Array] {
    const split = this.sentences.dimensions;
    return [normalize(vector.slice(0, split)), normalize(vector.slice(split))];
  }

  private join(sentence: Float32Array, words: Float32Array): Float32Array {
    const joined = new Float32Array(this.dimensions);
    sentence.forEach((value, d) => (joined[d] = this.scales[0] * value));
    words.forEach((value, d) => (joined[sentence.length + d] = this.scales[1] * value));
    return normalize(joined);
  }
}
