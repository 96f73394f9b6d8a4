import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { TesseractOcr } from '../src/ocr/tesseract-ocr';
import type { Deadline } from '../src/limits';

/**
 * The extraction evaluation set (eval/extraction/manifest.json): files named by repository, commit and path,
 * read from local snapshots of those repositories (`SOURCES_DIR`, where the search tool's fetch puts them),
 * never copied into this repository.
 */
export const EVAL_ROOT = join(__dirname, '../../../eval');
export const MANIFEST = join(EVAL_ROOT, 'extraction/manifest.json');
export const SOURCES_DIR = process.env.SOURCES_DIR ?? '/work/.mirror';

export interface ManifestEntry {
  id: string;
  category: string;
  repo: string;
  commit: string;
  path: string;
  mediaType: string;
  /**
   * Where the reference text comes from: `pdftotext` (`pdftotext -layout` of the pages read), `python-email` (CPython's
   * email package: the headers a reader sees and the body), `libreoffice` (LibreOffice Calc: each sheet's name, then its
   * cells as Calc shows them, tab-separated), a path in the same repository ending in `.json`
   * (unstructured's expected elements, their texts in order), a path ending in `.native` (the document pandoc's tests
   * expect its reader to give, as pandoc's native AST: its strings in order), `pdftotext-page` (plain `pdftotext`, in
   * reading order, of the page a `render` transform draws), a path ending in `.csv` (an ICDAR box file: eight corner
   * coordinates then the transcript, a box a line), or a path to a plain text file.
   */
  reference: string;
  /**
   * A copy made before extraction: page `render.page` of a PDF drawn by `pdftoppm` at `render.dpi` as PNG or JPEG (a page
   * image or screenshot of a born-digital page); then turned clockwise by `turn` degrees, shrunk to `width` pixels wide.
   */
  transform?: { render?: { page: number; dpi: number; format: 'png' | 'jpeg' }; turn?: number; width?: number };
  licence: string;
  /** Why an entry is where it is, where the manifest's `about` does not say (a file moved out of a held-out category). */
  note?: string;
}

export interface Manifest {
  about: string;
  /** PDFs are scored on their first pages only, so long files do not dominate. */
  pages: number;
  documents: ManifestEntry[];
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
}

/** Reads a file of the entry's repository at its commit, or null when the snapshot is not on this machine. */
export function reader(entry: ManifestEntry): ((path: string) => Buffer) | null {
  const gitDir = join(SOURCES_DIR, entry.repo.replace('/', '+'), 'repo');
  if (!existsSync(gitDir)) return null;
  return (path) => execFileSync('git', ['--git-dir', gitDir, 'show', `${entry.commit}:${path}`], { maxBuffer: 256 << 20 });
}

/** `pdftotext -layout` (poppler-utils) of the first `pages` pages: the reference for born-digital PDFs. */
export function pdftotext(pdf: Buffer, pages: number): string {
  return withTempFile(pdf, '.pdf', (file) => poppler('pdftotext', ['-layout', '-l', String(pages), file, '-']).toString('utf8'));
}

/** The reference text of an entry whose reference is a file or a reference extractor, for the bytes being extracted. */
export function referenceText(entry: ManifestEntry, read: (path: string) => Buffer, bytes: Buffer, pages: number): string {
  if (entry.reference === 'pdftotext') return pdftotext(bytes, pages);
  if (entry.reference === 'pdftotext-page') return pdftotextPage(read(entry.path), entry.transform?.render?.page ?? 1);
  if (entry.reference === 'python-email') return pythonEmail(bytes);
  if (entry.reference === 'libreoffice') return libreOffice(bytes, entry.path.slice(entry.path.lastIndexOf('.')));
  const file = read(entry.reference).toString('utf8');
  if (entry.reference.endsWith('.native')) return pandocNativeText(file);
  if (entry.reference.endsWith('.csv')) return boxTranscripts(file);
  if (!entry.reference.endsWith('.json')) return file;
  return (JSON.parse(file) as { text?: string }[]).map((element) => element.text ?? '').join('\n');
}

/** `pdftotext` (poppler-utils) of one page in reading order: what a page image of it should read as. */
function pdftotextPage(pdf: Buffer, page: number): string {
  return withTempFile(pdf, '.pdf', (file) => poppler('pdftotext', ['-f', String(page), '-l', String(page), file, '-']).toString('utf8'));
}

/** Page `page` of a PDF drawn by `pdftoppm` (poppler-utils) at `dpi`, as PNG or JPEG (quality 75, as screenshots are saved). */
function pdftoppm(pdf: Buffer, { page, dpi, format }: { page: number; dpi: number; format: 'png' | 'jpeg' }): Buffer {
  const options = format === 'png' ? ['-png'] : ['-jpeg', '-jpegopt', 'quality=75'];
  return withTempFile(pdf, '.pdf', (file) =>
    poppler('pdftoppm', [...options, '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file]),
  );
}

function poppler(tool: 'pdftotext' | 'pdftoppm', args: string[]): Buffer {
  try {
    return execFileSync(tool, args, { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    throw new Error(`${tool} failed (install poppler-utils): ${String(error)}`, { cause: error });
  }
}

function withTempFile<T>(bytes: Buffer, extension: string, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'eval-extraction-'));
  try {
    const file = join(dir, `in${extension}`);
    writeFileSync(file, bytes);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The transcripts of an ICDAR box file (`x1,y1,…,x4,y4,transcript` a line; the transcript may hold commas), in order. */
function boxTranscripts(boxes: string): string {
  return boxes
    .split(/\r?\n/)
    .map((line) => line.split(',').slice(8).join(','))
    .join('\n');
}

/**
 * The text of a pandoc native document: each `Str "…"` in order (spaces, breaks and block boundaries all read as a
 * space, which word scoring cannot tell apart), its Haskell string escapes decoded (`\8217` is ’, `\&` nothing).
 */
function pandocNativeText(native: string): string {
  const unescape = (text: string) =>
    text.replace(/\\(\d+|&|.)/g, (_, code: string) =>
      /^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : code === '&' ? '' : code === 'n' ? '\n' : code,
    );
  return [...native.matchAll(/\bStr "((?:[^"\\]|\\.)*)"/g)].map((match) => unescape(match[1])).join(' ');
}

/** An e-mail read by CPython's standard library (scripts/email-reference.py): an extractor independent of mailparser. */
function pythonEmail(message: Buffer): string {
  return execFileSync('python3', [join(__dirname, 'email-reference.py')], { input: message, maxBuffer: 64 << 20 }).toString('utf8');
}

/**
 * A workbook as LibreOffice Calc shows it (libreoffice-calc-nogui, an engine independent of SheetJS): per sheet, in
 * order, its name and its rows tab-separated, each cell formatted as shown (its number format applied).
 */
function libreOffice(workbook: Buffer, extension: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'eval-extraction-'));
  try {
    const file = join(dir, `in${extension}`);
    writeFileSync(file, workbook);
    // Filter options: tab-separated, '"' quotes, UTF-8, from line 1, …, "as shown" on, every sheet to its own file (-1).
    const log = execFileSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,true,false,false,-1',
        '--outdir',
        dir,
        file,
      ],
      { env: { ...process.env, HOME: dir }, stdio: ['ignore', 'pipe', 'ignore'] },
    ).toString('utf8');
    const sheets = [...log.matchAll(/^Writing sheet (.*) -> (.*)$/gm)];
    return sheets.map(([, name, path]) => `${name}\n${readFileSync(path.trim(), 'utf8')}`).join('\n');
  } catch (error) {
    throw new Error(`soffice failed (install libreoffice-calc-nogui): ${String(error)}`, { cause: error });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The scan turned and/or shrunk as the entry says, as PNG; Leptonica (inside tesseract) decodes TIFF for the canvas. */
export async function transformed(ocr: TesseractOcr, original: Buffer, transform: ManifestEntry['transform'], deadline: Deadline) {
  if (!transform) return original;
  const image = transform.render ? pdftoppm(original, transform.render) : original;
  if (transform.turn === undefined && transform.width === undefined) return image;
  const source = await loadImage(await ocr.decoded(image, deadline));
  const fit = transform.width ? transform.width / source.width : 1;
  const width = Math.round(source.width * fit);
  const height = Math.round(source.height * fit);
  const turn = transform.turn ?? 0;
  const sideways = turn === 90 || turn === 270;
  const canvas = createCanvas(sideways ? height : width, sideways ? width : height);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingQuality = 'high';
  context.translate(canvas.width / 2, canvas.height / 2);
  context.rotate((turn * Math.PI) / 180);
  context.drawImage(source, -width / 2, -height / 2, width, height);
  return canvas.encode('png');
}
