import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
// Read every file as the pipeline would: extraction's own extractors, not copies of them.
import { createLogger } from '@docpipe/platform';
import {
  CsvExtractor,
  Deadline,
  DocxExtractor,
  EmailExtractor,
  ExtractionFailedError,
  ExtractorRegistry,
  HtmlExtractor,
  pageTextLayer,
  MsgExtractor,
  OfficeExtractor,
  PlainTextExtractor,
  TesseractOcr,
  TextBudget,
} from '@docpipe/extraction';
import { asExtractedText, EVAL_ROOT, type CorpusDocument } from './corpus';

/**
 * The real-world classification set: documents named in eval/real/manifest.json by repository, commit and
 * path, read from local snapshots of those repositories (`SOURCES_DIR`, by default where the search tool's
 * fetch puts them). Each entry is on one side of the train/eval split for good.
 */
export const REAL_MANIFEST = join(EVAL_ROOT, 'real/manifest.json');
export const SNAPSHOTS_DIR = process.env.SOURCES_DIR ?? '/work/.mirror';

/** Where a repository's snapshot keeps its objects: most snapshots are bare, a few hold a `.git` folder. */
export function snapshotGitDir(repo: string): string {
  const snapshot = join(SNAPSHOTS_DIR, repo.replace('/', '+'), 'repo');
  return existsSync(join(snapshot, '.git')) ? join(snapshot, '.git') : snapshot;
}

export interface RealEntry {
  id: string;
  label: string;
  language: string;
  split: 'train' | 'eval';
  repo: string;
  commit: string;
  path: string;
  licence: string;
}

export interface RealCorpus {
  /** `source`: the repository a document comes from. */
  documents: (CorpusDocument & { language: string; source: string })[];
  /** Repositories named in the manifest with no snapshot here. */
  missing: string[];
  /** Files extraction refuses (and so would fail before classification), with the reason. */
  unreadable: string[];
}

/** Repositories with no document in the train split: what the model learned nothing from. */
export function heldOutSources(): string[] {
  const { documents } = JSON.parse(readFileSync(REAL_MANIFEST, 'utf8')) as { documents: RealEntry[] };
  const trained = new Set(documents.filter((entry) => entry.split === 'train').map((entry) => entry.repo));
  return [...new Set(documents.map((entry) => entry.repo))].filter((repo) => !trained.has(repo));
}

export async function loadRealCorpus(split: 'train' | 'eval'): Promise<RealCorpus> {
  const { documents } = JSON.parse(readFileSync(REAL_MANIFEST, 'utf8')) as { documents: RealEntry[] };
  const loaded: RealCorpus['documents'] = [];
  const missing = new Set<string>();
  const unreadable: string[] = [];
  for (const entry of documents.filter((candidate) => candidate.split === split)) {
    const gitDir = snapshotGitDir(entry.repo);
    if (!existsSync(gitDir)) {
      missing.add(entry.repo);
      continue;
    }
    const bytes = execFileSync('git', ['--git-dir', gitDir, 'show', `${entry.commit}:${entry.path}`], { maxBuffer: 64 << 20 });
    // SROIE's box files are the transcripts of photographed receipts, not spreadsheets: they come as the scans they are.
    const mediaType = entry.repo === 'zzzDavid/ICDAR-2019-SROIE' ? 'image/jpeg' : mediaTypeOf(entry.path);
    const text = await textOf(entry, mediaType, bytes).catch((error: unknown) => {
      // A file extraction refuses (password, corrupt) fails in the pipeline before classification: not a case to score.
      if (!(error instanceof ExtractionFailedError)) throw error;
      unreadable.push(`${entry.id} (${error.code})`);
      return '';
    });
    if (!text.replace(/\f/g, '').trim()) continue;
    const document = { ...asExtractedText(entry.id, text), mediaType };
    loaded.push({ name: entry.id, label: entry.label, language: entry.language, source: entry.repo, text, document });
  }
  await ocr?.close();
  ocr = undefined;
  return { documents: loaded, missing: [...missing], unreadable };
}

/** Photographed documents are read by extraction's OCR engine, started on the first image and closed after the split. */
let ocr: TesseractOcr | undefined;
const OCR_MODELS: Record<string, Parameters<TesseractOcr['recognize']>[2]> = { en: 'eng', de: 'deu', fr: 'fra', nl: 'nld', es: 'spa' };

/** OCR takes seconds a page and gives the same text for the same bytes and model: kept between runs, outside the repository. */
const OCR_CACHE = join(__dirname, '../../../node_modules/.cache/docpipe-eval-ocr');

async function imageText(entry: RealEntry, bytes: Buffer): Promise<string> {
  const model = OCR_MODELS[entry.language] ?? 'eng';
  const cached = join(OCR_CACHE, `${createHash('sha256').update(bytes).digest('hex')}.${model}.txt`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  ocr ??= new TesseractOcr(1, createLogger({ service: 'eval', level: 'warn' }));
  const { text } = await ocr.recognize(bytes, new Deadline(limits.timeoutMs), model, 'block');
  mkdirSync(OCR_CACHE, { recursive: true });
  writeFileSync(cached, text);
  return text;
}

const mediaTypes: Record<string, string> = {
  pdf: 'application/pdf',
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
  csv: 'text/csv',
  tsv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  odp: 'application/vnd.oasis.opendocument.presentation',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  rtf: 'application/rtf',
  html: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** What ingestion would sniff for these files: the extension says it for every source used here. */
function mediaTypeOf(path: string): string {
  return mediaTypes[/\.([a-z]+)$/i.exec(path)?.[1].toLowerCase() ?? ''] ?? 'text/plain';
}

const extractors = new ExtractorRegistry([
  new CsvExtractor(),
  new DocxExtractor(),
  new EmailExtractor(),
  new HtmlExtractor(),
  new MsgExtractor(),
  new OfficeExtractor(),
  new PlainTextExtractor(),
]);
const limits = {
  maxPages: 500,
  maxTextBytes: 20 << 20,
  maxImagePixels: 50_000_000,
  maxArchiveBytes: 200 << 20,
  maxArchiveEntries: 10_000,
  timeoutMs: 60_000,
};

async function textOf(entry: RealEntry, mediaType: string, bytes: Buffer): Promise<string> {
  // SROIE's transcriptions carry a box (eight numbers) before each line's text.
  if (entry.repo === 'zzzDavid/ICDAR-2019-SROIE')
    return bytes
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => line.split(',').slice(8).join(','))
      .join('\n');
  if (mediaType === 'application/pdf') return pdfText(bytes);
  if (mediaType.startsWith('image/')) return imageText(entry, bytes);
  const deadline = new Deadline(limits.timeoutMs);
  try {
    const pages = await extractors.forMediaType(mediaType).extract({
      bytes,
      mediaType,
      limits,
      deadline,
      text: new TextBudget(limits.maxTextBytes),
      onProgress: async () => undefined,
    });
    return pages.map((page) => page.text).join('\f');
  } finally {
    deadline.dispose();
  }
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= Math.min(pdf.numPages, 20); number++) {
      pages.push((await pageTextLayer(await pdf.getPage(number))).text);
    }
    return pages.join('\f');
  } finally {
    await pdf.destroy();
  }
}
