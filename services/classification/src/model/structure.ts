import type { ExtractedText } from '@docpipe/contracts';
import { findEntities } from '@docpipe/entities';
import { plainLines } from './plain-lines';

const LABELLED_LINE = /^\s*[\p{L}][\p{L} ./#()&-]{1,40}:\s*(\S.*)?$/u;
const BLANK = /_{4,}|\.{6,}|\[\s?\]|\[x\]|☐|☑|☒|□|■/giu;
const CITATION = /\[\d+(?:\s*[,–-]\s*\d+)*\]|\bet al\.|\bdoi\b|\(\p{Lu}\p{L}+(?: et al\.)?,? \d{4}\)/gu;
const PERCENT = /\d\s?%/g;

/**
 * Layout and entity facts as tokens (`s:money=4-7`): amounts, dates, e-mails, blanks to fill in and
 * citations say much about a document's type, whatever its words. Found by this service's own patterns,
 * so training (plain text) and serving (extracted text) see the same features.
 */
export function structureTokens(document: ExtractedText): string[] {
  const text = document.pages.map((page) => page.text).join('\n');
  const entities = document.pages.flatMap((page) => findEntities(page.number, page.text, document.language));
  const count = (kind: string) => entities.filter((entity) => entity.kind === kind).length;
  const lines = plainLines(text);
  const labelled = lines.filter((line) => LABELLED_LINE.test(line)).length / Math.max(lines.length, 1);
  const words = text.split(/\s+/).filter(Boolean).length;
  return [
    ...['money', 'date', 'email', 'phone', 'iban', 'url', 'invoice-number'].map((kind) => `s:${kind}=${bin(count(kind))}`),
    `s:blanks=${bin(text.match(BLANK)?.length ?? 0)}`,
    `s:citations=${bin(text.match(CITATION)?.length ?? 0)}`,
    `s:percent=${bin(text.match(PERCENT)?.length ?? 0)}`,
    `s:pages=${Math.min(document.pages.length, 3)}`,
    `s:words=${words < 60 ? '<60' : words < 150 ? '<150' : words < 400 ? '<400' : '400+'}`,
    `s:labelled-lines=${labelled === 0 ? '0' : labelled < 0.15 ? '<15%' : labelled < 0.35 ? '<35%' : '35%+'}`,
  ];
}

/**
 * The kind of file: an e-mail, a table or a slide deck says so in its format before its words do. Whether
 * any other document is a PDF, a scan or plain text says nothing of its type, only of the source it came
 * from: when they were told apart, every receipt seen in training was a transcribed scan and every invoice
 * a PDF, and a PDF receipt read as an invoice.
 */
export function mediaFamily(mediaType: string): string {
  if (mediaType === 'message/rfc822' || mediaType === 'application/vnd.ms-outlook') return 'mail';
  if (mediaType === 'text/csv' || /spreadsheet/.test(mediaType)) return 'sheet';
  if (/presentation/.test(mediaType)) return 'slides';
  return 'document';
}

function bin(count: number): string {
  if (count <= 1) return String(count);
  if (count < 4) return '2-3';
  if (count < 8) return '4-7';
  return '8+';
}
