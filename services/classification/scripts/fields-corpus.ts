import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedText } from '@docpipe/contracts';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
// The evaluation must read PDFs exactly as the pipeline does: extraction's page reading (layout, headings, tables), not a copy of it.
import { pageTextLayer } from '@docpipe/extraction';
import { EVAL_ROOT } from './corpus';

/**
 * The fields evaluation set: real invoices and receipts named in eval/fields/manifest.json by repository,
 * commit and path. They are read from local snapshots of those repositories (`SOURCES_DIR`, by default
 * where the search tool's fetch puts them), never copied into this repository; labels come from the
 * sources themselves (the XML inside each Factur-X/ZUGFeRD PDF, SROIE's key files).
 */
export const MANIFEST = join(EVAL_ROOT, 'fields/manifest.json');
export const SOURCES_DIR = process.env.SOURCES_DIR ?? '/work/.mirror';

interface ManifestEntry {
  id: string;
  type: 'invoice' | 'receipt' | 'contract';
  /** `text`: a transcript (an OCR'd receipt) read as it is. */
  format: 'factur-x-pdf' | 'sroie' | 'pdf' | 'text';
  repo: string;
  commit: string;
  path: string;
  /** SROIE: the key file's path. */
  labels?: string;
  /**
   * The values read off the document by hand: all of them for a PDF without embedded data; for a Factur-X
   * PDF those its printed page shows otherwise than its XML. Alternatives where it prints one value two ways.
   */
  expected?: Labels;
  /** The document's language where it is known (ISO 639-1); else detected. */
  language?: string;
  /** From a source added after the detector was last tuned, and kept out of its tuning: how it does on unseen layouts. */
  heldOut?: boolean;
  /** The day (YYYY-MM-DD) its misses were read to find general causes: held out until then, no longer a test of unseen layouts. */
  heldOutUntil?: string;
  /**
   * When a held-out document joined the set (YYYY-MM-DD, with the UTC time where a second batch joined on the same day):
   * each such batch is reported apart, measured before the detector changed.
   */
  heldOutSince?: string;
  licence: string;
}

/** Each field's right value, or the values that are all right (`00003-00000128` and `00000128`). */
export type Labels = Partial<Record<string, string | string[]>>;

export interface LabelledDocument {
  id: string;
  type: 'invoice' | 'receipt' | 'contract';
  document: ExtractedText;
  labels: Labels;
  language?: string;
  /** The repository the document comes from. */
  source: string;
  heldOut: boolean;
  heldOutUntil?: string;
  heldOutSince?: string;
}

/** A document as read from its source, before the manifest's facts about it are added. */
type Parsed = Omit<LabelledDocument, 'source' | 'heldOut' | 'heldOutUntil' | 'heldOutSince' | 'language'>;

export async function loadFieldsCorpus(): Promise<{ documents: LabelledDocument[]; missing: string[] }> {
  const { documents } = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { documents: ManifestEntry[] };
  const loaded: LabelledDocument[] = [];
  const missing = new Set<string>();
  for (const entry of documents) {
    const snapshot = join(SOURCES_DIR, entry.repo.replace('/', '+'), 'repo');
    // Most snapshots are bare repositories; a few come with a work tree and keep their history in .git.
    const gitDir = existsSync(join(snapshot, '.git')) ? join(snapshot, '.git') : snapshot;
    if (!existsSync(gitDir)) {
      missing.add(entry.repo);
      continue;
    }
    const read = (path: string) => execFileSync('git', ['--git-dir', gitDir, 'show', `${entry.commit}:${path}`], { maxBuffer: 64 << 20 });
    const document =
      entry.format === 'sroie'
        ? sroie(entry, read)
        : entry.format === 'text'
          ? {
              id: entry.id,
              type: entry.type,
              document: extracted(entry.id, 'text/plain', [read(entry.path).toString('utf8')]),
              labels: entry.expected ?? {},
            }
          : await pdfDocument(entry, read(entry.path));
    loaded.push({
      ...document,
      language: entry.language,
      source: entry.repo,
      heldOut: entry.heldOut === true,
      heldOutUntil: entry.heldOutUntil,
      heldOutSince: entry.heldOutSince,
    });
  }
  return { documents: loaded, missing: [...missing] };
}

/** SROIE: the transcribed text lines of a scanned receipt and its key file (company, date, total). */
function sroie(entry: ManifestEntry, read: (path: string) => Buffer): Parsed {
  const text = read(entry.path)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => line.split(',').slice(8).join(','))
    .join('\n');
  const key = JSON.parse(read(entry.labels!).toString('utf8')) as Record<string, string>;
  return {
    id: entry.id,
    type: 'receipt',
    document: extracted(entry.id, 'text/plain', [text]),
    // The key file has no payment method: where one is labelled, it was read off the receipt (`expected`).
    labels: { merchant: key.company, date: dayFirstDate(key.date), total: key.total?.replace(/[^\d.]/g, ''), ...entry.expected },
  };
}

/**
 * A PDF's text layer as extraction reads it. A Factur-X/ZUGFeRD PDF's labels come from its embedded CII
 * XML, another PDF's from the manifest.
 */
async function pdfDocument(entry: ManifestEntry, bytes: Buffer): Promise<Parsed> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      pages.push((await pageTextLayer(await pdf.getPage(number))).text);
    }
    const document = extracted(entry.id, 'application/pdf', pages);
    if (entry.format === 'pdf') return { id: entry.id, type: entry.type, document, labels: entry.expected ?? {} };
    const attachments = ((await pdf.getAttachments()) ?? {}) as Record<string, { filename: string; content: Uint8Array }>;
    const xml = Object.values(attachments).find((file) => /\.xml$/i.test(file.filename));
    const embedded = xml ? ciiLabels(Buffer.from(xml.content).toString('utf8')) : {};
    // What is printed wins where the embedded XML says otherwise (another invoice's data, a total rounded differently).
    return { id: entry.id, type: 'invoice', document, labels: { ...embedded, ...entry.expected } };
  } finally {
    await pdf.destroy();
  }
}

/** The invoice's own data (EN 16931 CII, ZUGFeRD 1 and 2): what a correct extraction must find. */
function ciiLabels(xml: string): Labels {
  const inside = (block: string, tag: string) => {
    const part = new RegExp(`<(?:\\w+:)?${block}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${block}>`).exec(xml)?.[1] ?? '';
    const value = new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*>([^<]*)</`).exec(part)?.[1]?.trim();
    return value?.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ');
  };
  const date = (value: string | undefined) =>
    value && /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}` : undefined;
  const header = /ExchangedDocument>/.test(xml)
    ? /HeaderExchangedDocument/.test(xml)
      ? 'HeaderExchangedDocument'
      : 'ExchangedDocument'
    : '';
  return {
    vendor: inside('SellerTradeParty', 'Name'),
    customer: inside('BuyerTradeParty', 'Name'),
    number: inside(header, 'ID'),
    issueDate: date(inside('IssueDateTime', 'DateTimeString')),
    dueDate: date(inside('DueDateDateTime', 'DateTimeString')),
    currency: /<(?:\w+:)?InvoiceCurrencyCode>([^<]+)</.exec(xml)?.[1]?.trim(),
    subtotal: inside('SpecifiedTradeSettlement(?:Header)?MonetarySummation', 'TaxBasisTotalAmount'),
    tax: inside('SpecifiedTradeSettlement(?:Header)?MonetarySummation', 'TaxTotalAmount'),
    total:
      inside('SpecifiedTradeSettlement(?:Header)?MonetarySummation', 'DuePayableAmount') ??
      inside('SpecifiedTradeSettlement(?:Header)?MonetarySummation', 'GrandTotalAmount'),
    grandTotal: inside('SpecifiedTradeSettlement(?:Header)?MonetarySummation', 'GrandTotalAmount'),
    iban: inside('PayeePartyCreditorFinancialAccount', 'IBANID')?.replace(/\s/g, ''),
    vendorVatId: /<(?:\w+:)?SellerTradeParty\b[\s\S]*?<(?:\w+:)?ID\s+schemeID="VA"\s*>([^<]+)</.exec(xml)?.[1]?.replace(/\s/g, ''),
  };
}

/** SROIE writes Malaysian dates: day first (25/12/2018, 15-01-2019, 12.03.18, 05 JAN 2018), sometimes ISO. */
function dayFirstDate(written: string | undefined): string | undefined {
  if (!written) return undefined;
  const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(written.trim());
  const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(written.trim());
  const named = /^(\d{1,2})[\s-]*([A-Za-z]{3})\w*[\s-,]*(\d{2}|\d{4})$/.exec(written.trim());
  const parts = iso
    ? [iso[1], iso[2], iso[3]]
    : numeric
      ? [numeric[3], numeric[2], numeric[1]]
      : named && months.includes(named[2].toUpperCase())
        ? [named[3], String(months.indexOf(named[2].toUpperCase()) + 1), named[1]]
        : undefined;
  if (!parts) return undefined;
  const year = parts[0].length === 2 ? `20${parts[0]}` : parts[0];
  return `${year}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`;
}

function extracted(documentId: string, mediaType: string, pages: string[]): ExtractedText {
  return {
    documentId,
    mediaType,
    language: null,
    pages: pages.map((text, i) => ({ number: i + 1, text, ocr: false })),
    entities: [],
    extractor: { name: 'eval/fields', version: '1' },
  };
}
