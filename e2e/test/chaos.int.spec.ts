import { runChaos, type ChaosReport } from '../src/chaos';

describe('the pipeline under faults', () => {
  let report: ChaosReport;
  let run: Promise<ChaosReport> | undefined;
  const teardown = new AbortController();

  beforeAll(async () => {
    run = runChaos({
      documents: 60,
      concurrency: 6,
      killEveryMs: 1_000,
      restartEveryMs: 2_500,
      brokerRestarts: 2,
      databaseRestarts: 1,
      timeoutMs: 180_000,
      log: () => undefined,
      signal: teardown.signal,
    });
    report = await run;
  }, 300_000);

  // A setup that timed out leaves the run going: abort it, and wait until its servers and fleet are stopped.
  afterAll(async () => {
    teardown.abort();
    await run?.catch(() => undefined);
  }, 120_000);

  it('loses nothing and duplicates nothing while workers are killed and RabbitMQ and PostgreSQL restart', () => {
    expect(report).toMatchObject({ sent: 60, indexed: 60, failed: 0, duplicated: 0, lost: 0 });
  });

  it('sends a poison message in every queue to that queue’s dead-letter queue while the rest flows', () => {
    expect(report.poisoned).toBeGreaterThanOrEqual(6);
    expect(report.deadLettered).toBe(report.poisoned);
  });

  it('really had those faults while the documents flowed', () => {
    expect(report.kills).toBeGreaterThanOrEqual(3);
    expect(report.brokerRestarts).toBe(2);
    expect(report.databaseRestarts).toBe(1);
    // Each killed service came back (the last ones may still have been starting when the run ended).
    expect(report.restarts).toBeGreaterThanOrEqual(report.kills - 5);
  });
});
