// `npm run chaos`: the fault run with a printed report. DOCUMENTS (default 300) sets its size.
import { runChaos } from '../src/chaos';

const documents = Number(process.env.DOCUMENTS ?? 300);
runChaos({
  documents,
  concurrency: 8,
  killEveryMs: 2_000,
  restartEveryMs: 8_000,
  brokerRestarts: 2,
  databaseRestarts: 1,
  timeoutMs: 10 * 60_000,
  log: (message) => console.log(message),
}).then(
  (report) => {
    console.log('\nchaos report');
    console.table(report);
    process.exit(report.lost === 0 && report.duplicated === 0 ? 0 : 1);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
