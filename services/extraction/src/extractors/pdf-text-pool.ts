import { Worker } from 'node:worker_threads';
import type { Deadline } from '../limits';
import { PdfWorkerFailedError } from './pdf-worker-failed.error';
import type { TextLayer } from './pdf-text-layer';
import type { TextLayerReply, TextLayerRequest } from './pdf-text.worker';

/** Fewer pages than this per thread cost more in opening the PDF again than they gain from another core. */
const MIN_PAGES_PER_THREAD = 8;

// Under the TypeScript sources (tests, eval) the thread compiles its program with tsx's require hook; built, it is JS.
const PROGRAM = require.resolve('./pdf-text.worker');
const EXEC_ARGV = PROGRAM.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [];

interface Job {
  request: TextLayerRequest;
  resolve(layers: TextLayer[]): void;
  reject(error: unknown): void;
}

/**
 * Threads that read PDF text layers (pdf.js parsing and the page layout, the CPU-heavy part of a born-digital PDF),
 * so a long PDF is read on several cores at once and parsing never blocks the event loop. A PDF's pages are split
 * into contiguous ranges, one per thread; each thread opens the PDF itself. Threads start on first use and are
 * kept; a thread still reading when its document's deadline passes is ended, and a new one takes its slot.
 */
export class PdfTextPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: Job[] = [];
  private readonly busy = new Map<Worker, Job>();
  private started = 0;
  private nextId = 0;
  private closed = false;

  constructor(private readonly size: number) {}

  /** The text layer of each of the PDF's `pageCount` pages, in page order. Rejects with pdf.js's error, renamed only in form. */
  async read(bytes: Uint8Array, pageCount: number, deadline: Deadline): Promise<TextLayer[]> {
    const ranges = pageRanges(pageCount, Math.min(this.size, Math.floor(pageCount / MIN_PAGES_PER_THREAD)));
    const parts = await Promise.all(ranges.map(([first, last]) => this.run({ id: this.nextId++, bytes, first, last }, deadline)));
    return parts.flat();
  }

  async close(): Promise<void> {
    this.closed = true;
    const threads = [...this.idle.splice(0), ...this.busy.keys()];
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  private run(request: TextLayerRequest, deadline: Deadline): Promise<TextLayer[]> {
    const job = new Promise<TextLayer[]>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.dispatch();
    });
    return deadline.race(job).catch((error: unknown) => {
      if (deadline.signal.aborted) this.abandon(request.id);
      throw error;
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && !this.closed) {
      const thread = this.idle.pop() ?? (this.started < this.size ? this.start() : undefined);
      if (!thread) return;
      const job = this.waiting.shift() as Job;
      this.busy.set(thread, job);
      thread.ref();
      thread.postMessage(job.request);
    }
  }

  private start(): Worker {
    this.started++;
    const thread = new Worker(PROGRAM, { execArgv: EXEC_ARGV });
    thread.on('message', (reply: TextLayerReply) => this.settle(thread, reply));
    thread.on('error', (error) => this.lose(thread, error));
    thread.on('exit', (code) => this.lose(thread, new Error(`exited with code ${code}`)));
    return thread;
  }

  private settle(thread: Worker, reply: TextLayerReply): void {
    const job = this.busy.get(thread);
    if (!job || job.request.id !== reply.id) return;
    this.busy.delete(thread);
    this.idle.push(thread);
    // An idle thread does not keep the process alive.
    thread.unref();
    if ('layers' in reply) job.resolve(reply.layers);
    else job.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    this.dispatch();
  }

  /** A thread that died (or was ended) fails the job it held; its slot is free for a new one. */
  private lose(thread: Worker, error: Error): void {
    const job = this.busy.get(thread);
    const wasIdle = this.idle.indexOf(thread);
    if (!job && wasIdle < 0) return;
    this.busy.delete(thread);
    if (wasIdle >= 0) this.idle.splice(wasIdle, 1);
    this.started--;
    job?.reject(new PdfWorkerFailedError(`A PDF text thread stopped while reading the document: ${error.message}`, error));
    this.dispatch();
  }

  /** The document gave up (deadline): its queued ranges are dropped and a thread still on one is ended. */
  private abandon(id: number): void {
    const queued = this.waiting.findIndex((job) => job.request.id === id);
    if (queued >= 0) this.waiting.splice(queued, 1);
    for (const [thread, job] of this.busy) {
      if (job.request.id === id) void thread.terminate();
    }
  }
}

/** 1-based inclusive page ranges, `count` (at least one) of nearly equal length. */
export function pageRanges(pageCount: number, count: number): [number, number][] {
  const parts = Math.max(1, Math.min(count, pageCount));
  return Array.from({ length: parts }, (_, i) => {
    const first = Math.floor((i * pageCount) / parts) + 1;
    return [first, Math.floor(((i + 1) * pageCount) / parts)];
  });
}
