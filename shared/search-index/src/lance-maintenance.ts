import { errorMessage, type Logger } from '@docpipe/platform';

export interface LanceMaintenanceSettings {
  /** Rows written since the last build from which maintenance runs at the next check. */
  minUnindexedRows: number;
  /** While any row is unindexed, maintenance runs at least this often (a quiet deployment gets indexed too). */
  intervalMs: number;
  /** How often the unindexed rows are counted (cheap: the indexes' statistics). */
  checkEveryMs: number;
}

/** What an operator sees of the background index maintenance of one table. */
export interface MaintenanceProgress {
  state: 'idle' | 'running';
  /** Rows written since the indexes were last brought up to date: searched exactly (flat) until then. */
  unindexedRows: number;
  runs: number;
  lastRun: { startedAt: string; durationMs: number; rowsIndexed: number; error: string | null } | null;
}

export interface MaintainedTable {
  readonly indexName: string;
  unindexedRows(): Promise<number>;
  /** Compaction, index updates (the ANN index built once worthwhile), removal of old versions. */
  optimize(): Promise<void>;
}

/**
 * Keeps a LanceDB table's indexes up to date off the write path: a timer in the writing process counts the rows
 * the indexes do not cover and optimizes when there are enough of them, or when some have waited a whole interval.
 * Writes never wait for it and searches never block on it (LanceDB readers keep reading the previous version, and
 * rows not yet indexed are searched exactly and merged in).
 */
export class LanceMaintenance {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastRunEndedAt = Date.now();
  private progressNow: MaintenanceProgress = { state: 'idle', unindexedRows: 0, runs: 0, lastRun: null };

  constructor(
    private readonly table: MaintainedTable,
    private readonly settings: LanceMaintenanceSettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.schedule();
  }

  /** Stops the timer and waits for a run in progress, so the table can be closed under it. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  progress(): MaintenanceProgress {
    return { ...this.progressNow };
  }

  /** One check: counts the unindexed rows and runs maintenance when due. Answers whether it ran. */
  async check(): Promise<boolean> {
    if (this.running) return false;
    const unindexed = await this.table.unindexedRows();
    this.progressNow.unindexedRows = unindexed;
    const waitedLongEnough = unindexed > 0 && Date.now() - this.lastRunEndedAt >= this.settings.intervalMs;
    if (unindexed < this.settings.minUnindexedRows && !waitedLongEnough) return false;
    this.running = this.run(unindexed);
    await this.running;
    this.running = undefined;
    return true;
  }

  private async run(unindexed: number): Promise<void> {
    const startedAt = new Date();
    this.progressNow.state = 'running';
    let error: string | null = null;
    try {
      await this.table.optimize();
    } catch (failure) {
      // Housekeeping that lost a race with a writer: the next check runs it again.
      error = errorMessage(failure);
      this.logger.warn({ err: failure, table: this.table.indexName }, 'index maintenance failed; it runs again at the next check');
    }
    const durationMs = Date.now() - startedAt.getTime();
    this.lastRunEndedAt = Date.now();
    this.progressNow = {
      state: 'idle',
      unindexedRows: error ? unindexed : 0,
      runs: this.progressNow.runs + 1,
      lastRun: { startedAt: startedAt.toISOString(), durationMs, rowsIndexed: error ? 0 : unindexed, error },
    };
    this.logger.info({ table: this.table.indexName, durationMs, rows: unindexed, error }, 'index maintenance ran');
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.check()
        .catch((error: unknown) => this.logger.warn({ err: error, table: this.table.indexName }, 'index maintenance check failed'))
        .finally(() => {
          if (this.timer) this.schedule();
        });
    }, this.settings.checkEveryMs);
    // The timer alone never keeps a process alive.
    this.timer.unref();
  }
}
