// One document of each kind whose reading in the extraction image depends on files package-trim.ts decides about:
// a scan (tesseract.js-core's WebAssembly build, the OCR and orientation models), a PDF with a standard font
// (PDF.js's legacy build and its standard_fonts/), a Word document, an RTF (officeparser) and a workbook.
// Each carries a word of its own that only a reading of its content can find.
import { utils, write } from '@e965/xlsx';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { textPng } from '@docpipe/testing';

export interface SampleDocument {
  name: string;
  type: string;
  bytes: Buffer;
  /** A word only this document holds, to look for with keyword search once it is indexed. */
  word: string;
}

const sentence = (word: string) => `The ${word} shipment of oranges reached the harbour on Monday.`;

async function pdf(text: string): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 12, font });
  return Buffer.from(await document.save());
}

const docx = (text: string) =>
  Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }] }));

const rtf = (text: string) => Buffer.from(`{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs24 ${text}\\par}`);

function xlsx(text: string): Buffer {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet([['Note'], [text]]), 'Notes');
  return write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

export async function sampleDocuments(): Promise<SampleDocument[]> {
  const office = 'application/vnd.openxmlformats-officedocument';
  return [
    { name: 'scan.png', type: 'image/png', word: 'zanzibar', bytes: await textPng(['Delivery note', sentence('Zanzibar')]) },
    { name: 'letter.pdf', type: 'application/pdf', word: 'marzipan', bytes: await pdf(sentence('marzipan')) },
    { name: 'report.docx', type: `${office}.wordprocessingml.document`, word: 'quokka', bytes: await docx(sentence('quokka')) },
    { name: 'memo.rtf', type: 'application/rtf', word: 'tamarind', bytes: rtf(sentence('tamarind')) },
    { name: 'sheet.xlsx', type: `${office}.spreadsheetml.sheet`, word: 'saffron', bytes: xlsx(sentence('saffron')) },
  ];
}
