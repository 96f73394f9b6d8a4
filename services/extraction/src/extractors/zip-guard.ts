import { promisify } from 'node:util';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ExtractionFailedError } from '../extraction.errors';
import type { Deadline, ExtractionLimits } from '../limits';

const openZip = promisify<Buffer, yauzl.Options, ZipFile>(yauzl.fromBuffer);

/**
 * Inflates every entry of a zip (counting bytes, never keeping them) before a library that trusts
 * the archive unpacks it for real: entry count and uncompressed bytes must stay within the limits,
 * whatever the central directory claims (yauzl also fails an entry longer than its declared size).
 */
export async function assertZipWithinLimits(bytes: Buffer, limits: ExtractionLimits, deadline: Deadline): Promise<void> {
  const zip = await openZip(bytes, { lazyEntries: true, validateEntrySizes: true }).catch((error: unknown) => {
    throw corrupt(error);
  });
  try {
    if (zip.entryCount > limits.maxArchiveEntries) {
      throw bomb(`it has ${zip.entryCount} entries; at most ${limits.maxArchiveEntries} are allowed (MAX_ARCHIVE_ENTRIES)`);
    }
    const files = (await readEntries(zip)).filter((entry) => !entry.fileName.endsWith('/'));
    const declared = files.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (declared > limits.maxArchiveBytes) throw tooLarge(limits);
    let inflated = 0;
    for (const entry of files) {
      deadline.check();
      inflated += await inflatedSize(zip, entry, limits.maxArchiveBytes - inflated, limits);
    }
  } finally {
    zip.close();
  }
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const found: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      found.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', (error: unknown) => reject(corrupt(error)));
    zip.readEntry();
  });
}

async function inflatedSize(zip: ZipFile, entry: Entry, allowed: number, limits: ExtractionLimits): Promise<number> {
  const openStream = promisify(zip.openReadStream.bind(zip)) as (entry: Entry) => Promise<NodeJS.ReadableStream>;
  const stream = await openStream(entry).catch((error: unknown) => {
    throw corrupt(error);
  });
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > allowed) throw tooLarge(limits);
    }
  } catch (error) {
    throw error instanceof ExtractionFailedError ? error : corrupt(error);
  } finally {
    (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
  return size;
}

function tooLarge(limits: ExtractionLimits): ExtractionFailedError {
  return bomb(`it unpacks to more than ${limits.maxArchiveBytes} bytes (MAX_ARCHIVE_BYTES)`);
}

function bomb(why: string): ExtractionFailedError {
  return new ExtractionFailedError('archive_bomb', `The document is refused as a decompression bomb: ${why}.`);
}

function corrupt(error: unknown): ExtractionFailedError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ExtractionFailedError(
    'corrupt_file',
    `The document is not a readable zip archive: ${reason}. Re-save it and upload it again.`,
    {
      cause: error,
    },
  );
}
