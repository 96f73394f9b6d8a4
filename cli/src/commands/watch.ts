import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { watch as watchFolder } from 'chokidar';
import { GatewayError, type ApiClient } from '../api-client';
import { CliError, EXIT, usageError } from '../exit-codes';
import { followDocuments } from '../follow-documents';
import { positiveInt, splitTags, type Values } from '../options';
import { fromOutcome, printResult, type FileResult } from '../outcome';
import { uploadFile } from '../upload-file';

const OUTCOME_FOLDERS = ['done', 'failed'];

/**
 * `docpipe watch <folder>`: a consume folder. A file dropped in is uploaded once its size has held for
 * --settle-ms, followed until indexed or failed, then moved to done/ or to failed/ beside a `<name>.reason.txt`.
 * Restart-safe: a file still in the folder is uploaded again under the same Idempotency-Key (its content hash),
 * which answers the first upload instead of making a second document. --once handles what is there and exits.
 */
export async function watch(api: ApiClient, positionals: string[], values: Values): Promise<number> {
  const [folder] = positionals;
  if (!folder || positionals.length > 1) throw usageError('watch takes one folder, e.g. docpipe watch ./inbox');
  const settleMs = positiveInt(values['settle-ms'], '--settle-ms');
  const timeoutSeconds = positiveInt(values.timeout, '--timeout');
  const options = { tags: splitTags(values.tags), timeoutSeconds, json: values.json === true };
  await Promise.all(OUTCOME_FOLDERS.map((name) => mkdir(join(folder, name), { recursive: true })));
  const present = (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile() && !entry.name.startsWith('.')).length;

  const watcher = watchFolder(folder, {
    depth: 0,
    ignored: (path, stats) => basename(path).startsWith('.') || (stats?.isDirectory() === true && path !== folder),
    awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: Math.min(250, settleMs) },
  });
  let queue = Promise.resolve();
  let handled = 0;
  let failures = 0;
  return new Promise<number>((resolve, reject) => {
    const finish = (code: number): void => void watcher.close().then(() => resolve(code), reject);
    if (values.once && present === 0) return finish(EXIT.ok);
    watcher.on('error', (error) => reject(error));
    watcher.on('add', (path) => {
      queue = queue.then(async () => {
        const result = await consume(api, folder, path, options);
        printResult(result, options.json);
        if (result.status !== 'indexed') failures++;
        if (values.once && ++handled >= present) finish(failures === 0 ? EXIT.ok : EXIT.documentFailed);
      });
      queue.catch((error: unknown) =>
        finish(error instanceof CliError ? (process.stderr.write(`docpipe: ${error.message}\n`), error.exitCode) : EXIT.gateway),
      );
    });
    process.once('SIGINT', () => finish(EXIT.ok));
    process.once('SIGTERM', () => finish(EXIT.ok));
  });
}

interface ConsumeOptions {
  tags: string[];
  timeoutSeconds: number;
}

async function consume(api: ApiClient, folder: string, path: string, options: ConsumeOptions): Promise<FileResult> {
  try {
    const accepted = await uploadFile(api, path, { tags: options.tags });
    const [view] = await followDocuments(api, [accepted.id], {
      signal: AbortSignal.timeout(options.timeoutSeconds * 1000),
      onStatus: () => undefined,
    });
    const result = fromOutcome(path, view!);
    await moveTo(folder, result.status === 'indexed' ? 'done' : 'failed', path, result.reason);
    return result;
  } catch (error) {
    if (error instanceof CliError && !(error instanceof GatewayError && error.refusesFile)) {
      // A refused key or a gateway that is down stops the watcher; the file stays for the next run.
      throw new CliError(error.code, `${error.message} (left ${path} in place)`, error.exitCode);
    }
    if (!(error instanceof GatewayError)) throw error;
    await moveTo(folder, 'failed', path, error.message);
    return { path, id: null, status: 'refused', reason: error.message };
  }
}

async function moveTo(folder: string, outcome: string, path: string, reason: string | null | undefined): Promise<void> {
  const target = await freeName(join(folder, outcome), basename(path));
  await rename(path, target);
  if (reason) await writeFile(`${target}.reason.txt`, `${reason}\n`);
}

/** `name`, or `name (2)`, `name (3)`… when a file of that name already went there. */
async function freeName(folder: string, name: string): Promise<string> {
  const taken = new Set(await readdir(folder));
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${extension}`;
    if (!taken.has(candidate)) return join(folder, candidate);
  }
}
