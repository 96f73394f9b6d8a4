import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { testFont } from '@docpipe/testing';

const WORDS = (
  'invoice contract delivery payment warehouse customer supplier shipment quarterly revenue budget forecast ' +
  'employee training safety inspection maintenance schedule tenant lease insurance claim policy coverage ' +
  'research laboratory sample analysis results conclusion method patient treatment hospital report summary'
).split(' ');

/** Deterministic pseudo-text: the same seed gives the same words, so runs compare. */
export function sentence(seed: number, words = 12): string {
  let state = seed * 2654435761;
  const picked: string[] = [];
  for (let i = 0; i < words; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    picked.push(WORDS[state % WORDS.length]!);
  }
  return picked.join(' ');
}

/** A text PDF of `pages` A4 pages, `linesPerPage` lines each; `title` (first line of page 1) makes copies unique. */
export async function textPdf(pages: number, linesPerPage: number, seed = 1, title = 'Benchmark document'): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([595, 842]);
    if (p === 0) page.drawText(title, { x: 40, y: 820, size: 12, font });
    for (let line = 0; line < linesPerPage; line++) {
      page.drawText(sentence(seed * 100_000 + p * 100 + line), { x: 40, y: 800 - line * 16, size: 10, font });
    }
  }
  return Buffer.from(await pdf.save());
}

/** A page of text as pixels only (a scan), for OCR. */
export async function scannedPagePng(lines: number, seed: number): Promise<Buffer> {
  const canvas = createCanvas(1654, 80 + lines * 48);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = 'black';
  context.font = testFont(30);
  for (let line = 0; line < lines; line++) context.fillText(sentence(seed * 1000 + line), 60, 70 + line * 48);
  return canvas.encode('png');
}
