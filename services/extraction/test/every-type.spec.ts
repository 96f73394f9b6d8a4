import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { allKnownMediaTypes, type KnownMediaType } from '@docpipe/contracts';
import { allExtractors } from '../src/extractors/all-extractors';
import { runExtractor, testOcr, testPdfTextPool } from './support/extract';
import { epub, msg, odp, ods, odt, pptx, rtf, xlsx } from './support/office-samples';
import { docx, eml, textPdf } from './support/samples';
import { testFont } from '@docpipe/testing';

const WORD = 'Invoice';

/** The word in black on white, 420 × 120: the picture every image sample holds. */
function wordCanvas(): Canvas {
  const canvas = createCanvas(420, 120);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, 420, 120);
  context.fillStyle = 'black';
  context.font = testFont(48);
  context.fillText(WORD, 30, 80);
  return canvas;
}

function image(format: 'png' | 'jpeg' | 'webp' | 'gif'): Promise<Buffer> {
  const canvas = wordCanvas();
  return format === 'png' ? canvas.encode('png') : format === 'gif' ? canvas.encode('gif') : canvas.encode(format, 95);
}

/** A baseline TIFF: 8-bit grey, uncompressed, one strip (canvas cannot write TIFF). */
async function tiff(): Promise<Buffer> {
  const rgba = wordCanvas().getContext('2d').getImageData(0, 0, 420, 120).data;
  const pixels = Buffer.alloc(420 * 120);
  for (let i = 0; i < pixels.length; i++) pixels[i] = rgba[i * 4];
  const tags: [number, number, number, number][] = [
    [256, 3, 1, 420],
    [257, 3, 1, 120],
    [258, 3, 1, 8],
    [259, 3, 1, 1],
    [262, 3, 1, 1],
    [273, 4, 1, 8 + 2 + 9 * 12 + 4],
    [277, 3, 1, 1],
    [278, 3, 1, 120],
    [279, 4, 1, pixels.length],
  ];
  const header = Buffer.alloc(8 + 2 + tags.length * 12 + 4);
  header.write('II', 0);
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(8, 4);
  header.writeUInt16LE(tags.length, 8);
  tags.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    header.writeUInt16LE(tag, at);
    header.writeUInt16LE(type, at + 2);
    header.writeUInt32LE(count, at + 4);
    if (type === 3) header.writeUInt16LE(value, at + 8);
    else header.writeUInt32LE(value, at + 8);
  });
  return Buffer.concat([header, pixels]);
}

/** A bottom-up 24-bit BMP of the same picture (canvas cannot write BMP). */
function bmp(): Buffer {
  const rgba = wordCanvas().getContext('2d').getImageData(0, 0, 420, 120).data;
  const rowBytes = 420 * 3;
  const header = Buffer.alloc(54);
  header.write('BM', 0);
  header.writeUInt32LE(54 + rowBytes * 120, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(420, 18);
  header.writeInt32LE(120, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(rowBytes * 120, 34);
  const pixels = Buffer.alloc(rowBytes * 120);
  for (let y = 0; y < 120; y++) {
    for (let x = 0; x < 420; x++) {
      const from = ((119 - y) * 420 + x) * 4;
      pixels.set([rgba[from + 2], rgba[from + 1], rgba[from]], y * rowBytes + x * 3);
    }
  }
  return Buffer.concat([header, pixels]);
}

const samples: Record<KnownMediaType, () => Buffer | Promise<Buffer>> = {
  'application/pdf': () => textPdf([`${WORD} 7`]),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': () => docx([[`${WORD} 7`]]),
  'application/msword': () => readFileSync(join(__dirname, 'fixtures', 'word97-notes.doc')),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': () => xlsx('Sheet1', [[WORD, '7']]),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': () => pptx([{ text: WORD, notes: '' }]),
  'application/vnd.oasis.opendocument.text': () => odt([WORD]),
  'application/vnd.oasis.opendocument.spreadsheet': () => ods('Sheet1', [[WORD]]),
  'application/vnd.oasis.opendocument.presentation': () => odp([WORD]),
  'application/rtf': () => rtf([WORD]),
  'application/epub+zip': () => epub([WORD]),
  'application/vnd.ms-outlook': () => msg({ subject: WORD, from: 'Anna', body: 'Pay' }),
  'application/xml': () => Buffer.from(`<?xml version="1.0"?><doc><p>${WORD}</p></doc>`),
  'text/html': () => Buffer.from(`<!doctype html><p>${WORD}</p>`),
  'text/markdown': () => Buffer.from(`# ${WORD}`),
  'text/asciidoc': () => Buffer.from(`= ${WORD}\n\nTotal 7`),
  'text/plain': () => Buffer.from(WORD),
  'text/csv': () => Buffer.from(`${WORD},7\n`),
  'text/vtt': () => Buffer.from(`WEBVTT\n\n00:00.000 --> 00:02.000\n${WORD} 7\n`),
  'message/rfc822': () => eml(WORD),
  'image/png': () => image('png'),
  'image/jpeg': () => image('jpeg'),
  'image/tiff': tiff,
  'image/webp': () => image('webp'),
  'image/bmp': bmp,
  'image/gif': () => image('gif'),
};

// Samples that cannot hold the word: a fixed e-mail sample, and a public Word 97 file (no writer exists for DOC).
const expectedWords: Partial<Record<KnownMediaType, string>> = {
  'message/rfc822': 'Overdue invoice',
  'application/msword': 'Endnotes and footnotes',
};

const registry = allExtractors(testOcr(), testPdfTextPool(), 150);

describe('every media type ingestion accepts', () => {
  it.each(allKnownMediaTypes)('%s extracts', async (mediaType) => {
    const pages = await runExtractor(registry.forMediaType(mediaType), await samples[mediaType](), { mediaType });
    expect(pages.map((page) => page.text).join('\n')).toContain(expectedWords[mediaType] ?? WORD);
  });
});
