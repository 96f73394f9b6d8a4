import { basename } from 'node:path';
import { GatewayError, type AcceptedDocument, type ApiClient } from '../api-client';
import { CliError, EXIT, usageError } from '../exit-codes';
import { DONE_STATUSES, followDocuments } from '../follow-documents';
import { collectFiles, eachLimit, positiveInt, splitTags, type Values } from '../options';
import { fromOutcome, printResult, type FileResult } from '../outcome';
import { Progress } from '../progress';
import { uploadFile } from '../upload-file';

/** `docpipe upload <file|folder>... [--tags] [--concurrency] [--wait [--timeout]]` */
export async function upload(api: ApiClient, paths: string[], values: Values): Promise<number> {
  if (paths.length === 0) throw usageError('upload takes at least one file or folder');
  const files = await collectFiles(paths);
  if (files.length === 0) throw usageError(`No files in ${paths.join(', ')}`);
  const concurrency = positiveInt(values.concurrency, '--concurrency');
  const timeoutSeconds = positiveInt(values.timeout, '--timeout');
  const progress = new Progress(files.length);
  const accepted = new Map<string, AcceptedDocument>();
  const refused: FileResult[] = [];
  try {
    await eachLimit(files, concurrency, async (path) => {
      progress.add(path, basename(path));
      const document = await uploadOrRefuse(api, path, splitTags(values.tags), progress, refused);
      if (document) accepted.set(path, document);
    });
    const results = values.wait
      ? await follow(api, accepted, progress, timeoutSeconds)
      : [...accepted].map(([path, doc]) => asQueued(path, doc));
    progress.stop();
    for (const result of [...results, ...refused]) printResult(result, values.json === true);
    return [...results, ...refused].every(succeeded) ? EXIT.ok : EXIT.documentFailed;
  } finally {
    progress.stop();
  }
}

/** A file the gateway refuses (type, size, empty) is that file's outcome; an unreachable gateway or a bad key stops everything. */
async function uploadOrRefuse(
  api: ApiClient,
  path: string,
  tags: string[],
  progress: Progress,
  refused: FileResult[],
): Promise<AcceptedDocument | null> {
  try {
    const document = await uploadFile(api, path, { tags, onProgress: (sent, total) => progress.uploaded(path, sent, total) });
    progress.status(path, document.status, 0, 0);
    return document;
  } catch (error) {
    if (!(error instanceof GatewayError) || !error.refusesFile) throw error;
    progress.status(path, 'refused', 0, 0);
    refused.push({ path, id: null, status: 'refused', reason: error.message });
    return null;
  }
}

async function follow(
  api: ApiClient,
  accepted: Map<string, AcceptedDocument>,
  progress: Progress,
  timeoutSeconds: number,
): Promise<FileResult[]> {
  const pathOf = new Map([...accepted].map(([path, document]) => [document.id, path]));
  const done = new Set<string>();
  const signal = AbortSignal.timeout(timeoutSeconds * 1000);
  try {
    const views = await followDocuments(api, [...pathOf.keys()], {
      signal,
      onStatus: (id, status) => {
        if (DONE_STATUSES.has(status)) done.add(id);
        progress.status(pathOf.get(id)!, status, done.size, accepted.size);
      },
    });
    return views.map((view) => fromOutcome(pathOf.get(view.id)!, view));
  } catch (error) {
    if (!signal.aborted) throw error;
    const late = [...pathOf].filter(([id]) => !done.has(id)).map(([id, path]) => `${path} (${id})`);
    throw new CliError('timeout', `Gave up after ${timeoutSeconds} s waiting for: ${late.join(', ')}`, EXIT.timeout);
  }
}

/** Without --wait a file succeeded when it was taken; with it, when it was indexed. */
const succeeded = (result: FileResult): boolean => !['failed', 'refused', 'cancelled', 'rejected', 'deleted'].includes(result.status);

const asQueued = (path: string, document: AcceptedDocument): FileResult => ({
  path,
  id: document.duplicateOf ?? document.id,
  status: document.status,
});
