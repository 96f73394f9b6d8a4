import { MultiBar, Presets, type SingleBar } from 'cli-progress';

// Where each status puts a document's bar: the upload is the first 40 %, each stage then moves it on.
const STATUS_PERCENT: Record<string, number> = {
  queued: 45,
  extracting: 50,
  extracted: 60,
  classifying: 65,
  classified: 75,
  indexing: 80,
  indexed: 100,
  failed: 100,
  cancelled: 100,
  deleted: 100,
  rejected: 100,
};

/**
 * Progress on stderr: a bar per file and one overall when stderr is a terminal, nothing otherwise (the results
 * go to stdout either way, so a script reads them without bars in between).
 */
export class Progress {
  private readonly bars = new Map<string, SingleBar>();
  private readonly multibar: MultiBar | null;
  private readonly overall: SingleBar | null;

  constructor(files: number, enabled = Boolean(process.stderr.isTTY)) {
    this.multibar = enabled
      ? new MultiBar(
          { format: ' {bar} {percentage}% | {name} {status}', hideCursor: true, clearOnComplete: false, stream: process.stderr },
          Presets.shades_classic,
        )
      : null;
    this.overall = this.multibar?.create(files, 0, { name: 'all files', status: `0/${files} done` }) ?? null;
  }

  add(key: string, name: string): void {
    const bar = this.multibar?.create(100, 0, { name, status: 'uploading' });
    if (bar) this.bars.set(key, bar);
  }

  uploaded(key: string, sent: number, total: number): void {
    this.bars.get(key)?.update(total === 0 ? 40 : Math.floor((40 * sent) / total));
  }

  /** Moves a file's bar to a status; a file that is done counts in the overall bar. */
  status(key: string, status: string, done: number, files: number): void {
    this.bars.get(key)?.update(STATUS_PERCENT[status] ?? 40, { status });
    this.overall?.update(done, { status: `${done}/${files} done` });
  }

  stop(): void {
    this.multibar?.stop();
  }
}
