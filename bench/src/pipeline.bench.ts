import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '@docpipe/embeddings';
import { createLogger } from '@docpipe/platform';
import { lanceAnnSettings, lanceMaintenanceSettings, LanceIndex, searchIndexConfigSchema, type IndexedChunk } from '@docpipe/search-index';
// The baseline runs the services' own code in one loop, through each service's public entry point.
import { configSchema as classificationConfig, createClassifier, extractFields } from '@docpipe/classification';
import type { ExtractedText } from '@docpipe/contracts';
import {
  Deadline,
  PdfExtractor,
  PdfTextPool,
  renderPage,
  ScanReader,
  TesseractOcr,
  TextBudget,
  THUMBNAIL_WIDTH,
  toExtractedText,
  type ExtractionLimits,
} from '@docpipe/extraction';
import { chunkPages, type ChunkerSettings } from '@docpipe/indexing';
import type { Deployment } from './deployment';
import { textPdf } from './documents';
import { inWindows } from './event-backbone.bench';
import { GatewayClient, type Accepted } from './gateway-client';
import type { Recorder } from './report';
import { elapsedMs, latencies, type Latencies } from './stats';

export interface PipelineOptions {
  documents: number;
  /** Concurrent upload clients. */
  clients: number;
  /** Gives up waiting for the last documents after this long. */
  timeoutMs: number;
}

export interface Run {
  docsPerMinute: number;
  latency: Latencies;
  done: number;
  /** p50 ms per step of a document's way: waits in a queue and work in a stage, in order. */
  steps?: Map<string, number>;
}

const SAMPLED_VIEWS = 50;

const MB = 1024 * 1024;
const limits: ExtractionLimits = {
  maxPages: 2_000,
  maxTextBytes: 50 * MB,
  maxImagePixels: 50_000_000,
  maxArchiveBytes: 200 * MB,
  maxArchiveEntries: 10_000,
  timeoutMs: 120_000,
};
// The indexing service's defaults (CHUNK_MAX_CHARS, CHUNK_OVERLAP_CHARS), and its EMBED_BATCH_SIZE.
const chunker: ChunkerSettings = { maxChars: 1200, overlapChars: 150 };
const EMBED_BATCH = 32;

/** What section 1 measured: the services' docs/min, and the loop's p50 ms in each stage (`in extraction`, …). */
export interface PipelineMeasured {
  docsPerMinute: number;
  loopSteps: Map<string, number>;
}

/** Documents/min and upload→searchable latency through the services vs the same code in one loop. */
export async function benchPipeline(
  options: PipelineOptions,
  deployment: Deployment,
  embedder: Embedder,
  recorder: Recorder,
): Promise<PipelineMeasured> {
  const pdfs = await uniquePdfs(options.documents);
  const baseline = await plainLoop(pdfs, embedder);
  const ours = await throughServices(pdfs, options, deployment);
  const section = `1. pipeline (${options.documents} one-page PDFs, ${options.clients} upload clients)`;
  const note =
    ours.done < options.documents ? `only ${ours.done} of ${options.documents} indexed within ${options.timeoutMs / 1000} s` : undefined;
  recorder.add({
    section,
    name: 'docs/min, first upload → last indexed',
    unit: 'docs/min',
    value: ours.docsPerMinute,
    baseline: { name: `extract+classify+chunk+embed (${embedder.name})+index in one loop`, value: baseline.docsPerMinute },
    better: 'higher',
    note,
  });
  recorder.add({
    section,
    name: 'upload→indexed p50',
    unit: 'ms',
    value: ours.latency.p50,
    baseline: { name: 'one document in the loop', value: baseline.latency.p50 },
    better: 'lower',
  });
  recorder.add({
    section,
    name: 'upload→indexed p99',
    unit: 'ms',
    value: ours.latency.p99,
    baseline: { name: 'one document in the loop', value: baseline.latency.p99 },
    better: 'lower',
  });
  const loopSteps = baseline.steps ?? new Map<string, number>();
  recordSteps(recorder, `${section}, where the time goes (p50 of ${SAMPLED_VIEWS} documents)`, ours.steps, loopSteps);
  return { docsPerMinute: ours.docsPerMinute, loopSteps };
}

/** The waits and stage times of the services, each step beside the same step's p50 in a baseline (by default the single-process loop). */
export function recordSteps(
  recorder: Recorder,
  section: string,
  steps: Map<string, number> | undefined,
  baselineSteps: Map<string, number>,
  baselineName = 'the same stage in the loop',
): void {
  for (const [step, ms] of steps ?? []) {
    const inBaseline = baselineSteps.get(step);
    recorder.add({
      section,
      name: step,
      unit: 'ms',
      value: ms,
      baseline: inBaseline === undefined ? undefined : { name: baselineName, value: inBaseline },
      better: 'lower',
    });
  }
}

export async function uniquePdfs(count: number): Promise<Buffer[]> {
  const run = randomBytes(4).toString('hex');
  return Promise.all(Array.from({ length: count }, (_, i) => textPdf(1, 30, i + 1, `Benchmark ${run} document ${i + 1}`)));
}

/** From the stage timings the metadata service records: time in each stage and waiting before it. */
export async function stepsOf(client: GatewayClient, ids: string[]): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>();
  const add = (step: string, ms: number) => samples.set(step, [...(samples.get(step) ?? []), ms]);
  // Spread over the run: early documents meet empty queues, late ones full queues.
  const every = Math.max(1, Math.floor(ids.length / SAMPLED_VIEWS));
  for (const id of ids.filter((_, i) => i % every === 0).slice(0, SAMPLED_VIEWS)) {
    const view = await client.view(id);
    let previous = Date.parse(view.createdAt);
    for (const stage of view.stages) {
      if (!stage.startedAt || !stage.finishedAt) continue;
      add(`wait before ${stage.stage}`, Date.parse(stage.startedAt) - previous);
      add(`in ${stage.stage}`, Date.parse(stage.finishedAt) - Date.parse(stage.startedAt));
      previous = Date.parse(stage.finishedAt);
    }
  }
  return new Map([...samples].map(([step, values]) => [step, latencies(values).p50]));
}

export async function throughServices(pdfs: Buffer[], options: PipelineOptions, deployment: Deployment): Promise<Run> {
  const client = new GatewayClient(deployment);
  const accepted: Accepted[] = [];
  const start = performance.now();
  await inWindows(pdfs.length, options.clients, async (i) => {
    accepted.push(await client.upload(`bench-${i + 1}.pdf`, pdfs[i]!, 'application/pdf'));
  });
  const deadline = start + options.timeoutMs;
  while (performance.now() < deadline) {
    const [indexed, failed] = await Promise.all([client.count('indexed'), client.count('failed')]);
    if (indexed + failed >= pdfs.length) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const indexed = new Map((await client.all('indexed')).map((document) => [document.id, Date.parse(document.updatedAt)]));
  const firstSent = Math.min(...accepted.map((upload) => upload.sentAtEpochMs));
  const samples = accepted.flatMap((upload) => {
    const at = indexed.get(upload.id);
    return at === undefined ? [] : [at - upload.sentAtEpochMs];
  });
  const lastIndexed = Math.max(...indexed.values());
  const steps = await stepsOf(client, [...indexed.keys()]);
  return { docsPerMinute: (indexed.size * 60_000) / (lastIndexed - firstSent), latency: latencies(samples), done: indexed.size, steps };
}

/** What the three stages do per document, in one process: no broker, database, S3 or processes. */
async function plainLoop(pdfs: Buffer[], embedder: Embedder): Promise<Run> {
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const directory = await mkdtemp(join(tmpdir(), 'docpipe-bench-lance-'));
  const ocr = new TesseractOcr(1, logger);
  // As the service reads PDFs by default (PDF_TEXT_THREADS 2).
  const textLayers = new PdfTextPool(2);
  const extractor = new PdfExtractor(textLayers, new ScanReader(ocr), 200);
  // The classifier the service picks without OLLAMA_HOST: the offline model and its document types.
  const classifier = createClassifier(classificationConfig.parse({ OLLAMA_HOST: '' }), logger);
  // The search index defaults, as the indexing service opens it (background maintenance included).
  const defaults = searchIndexConfigSchema.parse({});
  const index = await LanceIndex.open({
    directory,
    tableName: 'bench_chunks',
    dimensions: embedder.dimensions,
    ann: lanceAnnSettings(defaults),
    maintenance: lanceMaintenanceSettings(defaults),
    logger,
  });
  const stages = { extraction: [] as number[], classification: [] as number[], indexing: [] as number[] };
  const stage = async <T>(name: keyof typeof stages, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    stages[name].push(elapsedMs(start));
    return result;
  };
  try {
    const samples: number[] = [];
    const start = performance.now();
    for (const [i, bytes] of pdfs.entries()) {
      const documentId = `doc-${i}`;
      const documentStart = performance.now();
      const text = await stage('extraction', () => extractOne(documentId, bytes, extractor));
      const documentType = await stage('classification', async () => {
        const { documentType } = await classifier.classify(text);
        extractFields(documentType, text);
        return documentType;
      });
      await stage('indexing', () => indexOne(documentId, text, documentType, embedder, index));
      samples.push(elapsedMs(documentStart));
    }
    const steps = new Map(Object.entries(stages).map(([name, values]) => [`in ${name}`, latencies(values).p50]));
    return { docsPerMinute: (pdfs.length * 60_000) / elapsedMs(start), latency: latencies(samples), done: pdfs.length, steps };
  } finally {
    await index.close();
    await Promise.all([ocr.close(), textLayers.close()]);
    await rm(directory, { recursive: true, force: true });
  }
}

/** Extraction's work on a PDF: text per page, the text blob (language, entities) and the first page's thumbnail. */
async function extractOne(documentId: string, bytes: Buffer, extractor: PdfExtractor): Promise<ExtractedText> {
  const deadline = new Deadline(limits.timeoutMs);
  try {
    const pages = await extractor.extract({
      bytes,
      mediaType: 'application/pdf',
      limits,
      deadline,
      text: new TextBudget(limits.maxTextBytes),
      onProgress: async () => undefined,
    });
    const text = toExtractedText(documentId, 'application/pdf', extractor.name, pages);
    await renderPage({ bytes, mediaType: 'application/pdf', page: 1, text: text.pages[0]?.text ?? '', width: THUMBNAIL_WIDTH });
    return text;
  } finally {
    deadline.dispose();
  }
}

/** Indexing's work: chunks, their vectors in batches, and the replacing write. */
async function indexOne(
  documentId: string,
  text: ExtractedText,
  documentType: string,
  embedder: Embedder,
  index: LanceIndex,
): Promise<void> {
  const chunks = chunkPages(text.pages, chunker);
  const vectors: Float32Array[] = [];
  for (let first = 0; first < chunks.length; first += EMBED_BATCH) {
    vectors.push(...(await embedder.embed(chunks.slice(first, first + EMBED_BATCH).map((chunk) => chunk.text))));
  }
  const createdAt = new Date().toISOString();
  const indexed: IndexedChunk[] = chunks.map((chunk, i) => ({
    chunkId: `${documentId}:${chunk.ordinal}`,
    tenantId: 'bench',
    documentId,
    ordinal: chunk.ordinal,
    page: chunk.page,
    text: chunk.text,
    vector: vectors[i]!,
    documentType,
    tags: [],
    fileName: `${documentId}.pdf`,
    createdAt,
    pipeline: { extractor: 'pdf@bench', chunker: 'structure-chunker@bench', embedder: `${embedder.name}@${embedder.version}` },
  }));
  await index.upsertDocumentChunks('bench', documentId, indexed);
}
