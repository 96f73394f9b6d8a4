import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
// Read every file as the pipeline would: extraction's own extractors, not copies of them.
import { CsvExtractor, EmailExtractor, layoutPageText, TextBudget, type ExtractionInput } from '@docpipe/extraction';
import { asExtractedText, EVAL_ROOT, type CorpusDocument } from './corpus';

/**
 * The real-world classification set: documents named in eval/real/manifest.json by repository, commit and
 * path, read from local snapshots of those repositories (`SOURCES_DIR`, by default where the search tool's
 * fetch puts them). Each entry is on one side of the train/eval split for good.
 */
export const REAL_MANIFEST = join(EVAL_ROOT, 'real/manifest.json');
export const SNAPSHOTS_DIR = process.env.SOURCES_DIR ?? '/work/.mirror';

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
  documents: (CorpusDocument & { language: string })[];
  /** Repositories named in the manifest with no snapshot here. */
  missing: string[];
}

export async function loadRealCorpus(split: 'train' | 'eval'): Promise<RealCorpus> {
  const { documents } = JSON.parse(readFileSync(REAL_MANIFEST, 'utf8')) as { documents: RealEntry[] };
  const loaded: RealCorpus['documents'] = [];
  const missing = new Set<string>();
  for (const entry of documents.filter((candidate) => candidate.split === split)) {
    const gitDir = join(SNAPSHOTS_DIR, entry.repo.replace('/', '+'), 'repo');
    if (!existsSync(gitDir)) {
      missing.add(entry.repo);
      continue;
    }
    const bytes = execFileSync('git', ['--git-dir', gitDir, 'show', `${entry.commit}:${entry.path}`], { maxBuffer: 64 << 20 });
    const text = await textOf(entry, bytes);
    if (!text.replace(/\f/g, '').trim()) continue;
    loaded.push({ name: entry.id, label: entry.label, language: entry.language, text, document: asExtractedText(entry.id, text) });
  }
  return { documents: loaded, missing: [...missing] };
}

async function textOf(entry: RealEntry, bytes: Buffer): Promise<string> {
  // SROIE's transcriptions carry a box (eight numbers) before each line's text.
  if (entry.repo === 'zzzDavid/ICDAR-2019-SROIE')
    return bytes
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => line.split(',').slice(8).join(','))
      .join('\n');
  if (/\.pdf$/i.test(entry.path)) return pdfText(bytes);
  const input = { bytes, text: new TextBudget(20 << 20) } as unknown as ExtractionInput;
  if (/\.eml$/i.test(entry.path)) return (await new EmailExtractor().extract(input)).map((page) => page.text).join('\f');
  if (/\.(csv|tsv)$/i.test(entry.path)) return (await new CsvExtractor().extract(input)).map((page) => page.text).join('\f');
  return bytes.toString('utf8');
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= Math.min(pdf.numPages, 20); number++) {
      const layer = await (await pdf.getPage(number)).getTextContent();
      pages.push(layoutPageText(layer.items.filter((item) => 'str' in item)));
    }
    return pages.join('\f');
  } finally {
    await pdf.destroy();
  }
}
