import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { testFont } from '@docpipe/testing';

/** The documents the browser tests upload: short texts whose words the search and ask tests look for. */
export const memo = [
  'Internal memo: the heliotrope greenhouse project',
  'The heliotrope beds in greenhouse three need new irrigation before the spring planting.',
  'Budget owner: facilities team.',
].join('\n');
export const minutes = ['Minutes of the rowing club meeting', 'The club agreed to repair the boathouse roof and to buy two new oars.'].join(
  '\n',
);
export const notice = [
  'Notice to tenants',
  'The water supply in building B will be interrupted on Tuesday morning for maintenance of the pumps.',
].join('\n');

export const invoice = [
  'Harbour Lights Printing Ltd',
  '12 Quay Road, Bristol BS1 4DJ',
  '',
  'INVOICE',
  'Invoice No.: INV-2026-0042',
  'Invoice date: 02.11.2026',
  'Due date: 16.11.2026',
  '',
  'Bill to: Meadow Lane Bakery, 3 Mill Street, Bath',
  '',
  'Printed menus (500)                   EUR 240.00',
  'Subtotal                              EUR 240.00',
  'VAT 20%                               EUR 48.00',
  'Total amount due                      EUR 288.00',
].join('\n');

export const offline = 'Parking permits for the new car park are issued by the front desk from Monday.';

/** A scanned page dense with text: OCR takes seconds on it, time enough to cancel it mid-way. */
export function scannedPage(): Promise<Buffer> {
  const canvas = createCanvas(2000, 2800);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = 'black';
  context.font = testFont(34);
  for (let line = 0; line < 60; line++)
    context.fillText(`Line ${line + 1} of the archived ledger, entry ${1000 + line * 7}`, 60, 80 + line * 44);
  return canvas.encode('png');
}

/** A PDF of two pages of text, each saying which page it is. */
export async function twoPagePdf(): Promise<Uint8Array<ArrayBuffer>> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const line of ['Lighthouse log, first page: the lamp was cleaned.', 'Lighthouse log, second page: the foghorn was repaired.'])
    pdf.addPage([420, 595]).drawText(line, { x: 30, y: 540, size: 12, font });
  return new Uint8Array(await pdf.save());
}
