import { createCanvas, loadImage } from '@napi-rs/canvas';
import { Document, Packer, PageBreak, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { testFont } from '@docpipe/testing';

/** A PDF with a text layer, one string per page (lines split on \n). */
export async function textPdf(pages: readonly string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = pdf.addPage([595, 842]);
    text.split('\n').forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 12, font }));
  }
  return Buffer.from(await pdf.save());
}

/** A "scan": a PDF page that is only an image, no text layer. */
export async function scannedPdf(png: Buffer): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(png);
  const page = pdf.addPage([image.width * 0.75, image.height * 0.75]);
  page.drawImage(image, { x: 0, y: 0, width: image.width * 0.75, height: image.height * 0.75 });
  return Buffer.from(await pdf.save());
}

/**
 * Faint grey print on off-white paper between black bands along the top and bottom edges: a thermal receipt scanned
 * with the lid showing. Tesseract's one Otsu threshold falls between black and paper and reads nothing of it as is.
 */
export async function fadedWithBlackBorder(lines: readonly string[]): Promise<Buffer> {
  const band = 20;
  const canvas = createCanvas(900, 60 + lines.length * 60 + 2 * band);
  const context = canvas.getContext('2d');
  context.fillStyle = 'rgb(240, 240, 240)';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = 'black';
  context.fillRect(0, 0, canvas.width, band);
  context.fillRect(0, canvas.height - band, canvas.width, band);
  context.fillStyle = 'rgb(150, 150, 150)';
  context.font = testFont(36);
  lines.forEach((line, i) => context.fillText(line, 30, band + 70 + i * 60));
  return canvas.encode('png');
}

/** The image shrunk to `factor` of its size, as a page scanned at a low resolution. */
export async function shrunk(png: Buffer, factor: number): Promise<Buffer> {
  const source = await loadImage(png);
  const canvas = createCanvas(Math.round(source.width * factor), Math.round(source.height * factor));
  const context = canvas.getContext('2d');
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas.encode('png');
}

/** The image turned a quarter counter-clockwise, as a sideways scan comes out of a feeder. */
export async function turnedLeft(png: Buffer): Promise<Buffer> {
  const source = await loadImage(png);
  const canvas = createCanvas(source.height, source.width);
  const context = canvas.getContext('2d');
  context.translate(0, canvas.height);
  context.rotate(-Math.PI / 2);
  context.drawImage(source, 0, 0);
  return canvas.encode('png');
}

/** A DOCX whose pages (explicit page breaks) hold the given paragraphs. */
export async function docx(pages: readonly (readonly string[])[]): Promise<Buffer> {
  const children = pages.flatMap((paragraphs, i) => [
    ...(i > 0 ? [new Paragraph({ children: [new PageBreak()] })] : []),
    ...paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })),
  ]);
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export const eml = (body: string) =>
  Buffer.from(
    [
      'From: Anna Berg <anna@example.com>',
      'To: Accounts <accounts@example.org>',
      'Subject: Overdue invoice INV-2024-0042',
      'Date: Tue, 12 Mar 2024 09:30:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
  );

/** A multipart/mixed message: a plain-text body and base64 attachments. */
export function multipartEml(body: string, attachments: { name: string; type: string; content: string }[]): Buffer {
  const boundary = 'docpipe-boundary';
  const parts = [
    ['Content-Type: text/plain; charset=utf-8', '', body],
    ...attachments.map(({ name, type, content }) => [
      `Content-Type: ${type}; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(content).toString('base64'),
    ]),
  ];
  return Buffer.from(
    [
      'From: Anna Berg <anna@example.com>',
      'To: Accounts <accounts@example.org>',
      'Subject: Statement',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      ...parts.flatMap((part) => [`--${boundary}`, ...part]),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}
