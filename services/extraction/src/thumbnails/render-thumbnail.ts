import { createCanvas, loadImage, type Canvas } from '@napi-rs/canvas';
import { getDocument, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
// Registers pdf.js's worker code on globalThis, so pdf.js parses in-process.
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';

type RenderParameters = Parameters<PDFPageProxy['render']>[0];

/** Thumbnails are this wide; a page's height follows its shape, up to twice the width. */
export const THUMBNAIL_WIDTH = 240;
const MAX_HEIGHT = THUMBNAIL_WIDTH * 2;
const CARD_HEIGHT = Math.round(THUMBNAIL_WIDTH * 1.414);
const WEBP_QUALITY = 80;

// Formats @napi-rs/canvas decodes; TIFF is not one of them.
const DRAWN_IMAGES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/**
 * The first page as a small WebP: a PDF page rendered by pdf.js, an image downscaled, anything else
 * (office formats, text, e-mail, TIFF) its first page of extracted text set on a white page.
 * Runs after extraction succeeded, so the bytes already passed the page, pixel and archive limits.
 */
export async function renderThumbnail(bytes: Buffer, mediaType: string, firstPageText: string): Promise<Buffer> {
  const canvas =
    mediaType === 'application/pdf' ? await pdfPage(bytes) : DRAWN_IMAGES.has(mediaType) ? await image(bytes) : textCard(firstPageText);
  return canvas.encode('webp', WEBP_QUALITY);
}

async function pdfPage(bytes: Buffer): Promise<Canvas> {
  // pdf.js detaches the array it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, enableXfa: false, verbosity: 0 });
  try {
    const document = await task.promise;
    const page = await document.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min(THUMBNAIL_WIDTH / natural.width, MAX_HEIGHT / natural.height) });
    const canvas = whiteCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
    await page.render({ canvas: canvas as unknown as RenderParameters['canvas'], viewport }).promise;
    return canvas;
  } finally {
    await task.destroy();
  }
}

async function image(bytes: Buffer): Promise<Canvas> {
  const picture = await loadImage(bytes);
  const scale = Math.min(1, THUMBNAIL_WIDTH / picture.width, MAX_HEIGHT / picture.height);
  const canvas = whiteCanvas(Math.max(1, Math.round(picture.width * scale)), Math.max(1, Math.round(picture.height * scale)));
  canvas.getContext('2d').drawImage(picture, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** The text as a reader would glimpse it: small type, lines wrapped to the page, as many as fit. */
function textCard(text: string): Canvas {
  const canvas = whiteCanvas(THUMBNAIL_WIDTH, CARD_HEIGHT);
  const context = canvas.getContext('2d');
  const margin = 12;
  const lineHeight = 11;
  context.fillStyle = '#222222';
  context.font = '9px sans-serif';
  const lines = wrap(text, (line) => context.measureText(line).width <= THUMBNAIL_WIDTH - 2 * margin);
  lines
    .slice(0, Math.floor((CARD_HEIGHT - 2 * margin) / lineHeight))
    .forEach((line, i) => context.fillText(line, margin, margin + 9 + i * lineHeight));
  return canvas;
}

function wrap(text: string, fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n').slice(0, 60)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const longer = line ? `${line} ${word}` : word;
      if (fits(longer) || !line) line = longer;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

function whiteCanvas(width: number, height: number): Canvas {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, width, height);
  return canvas;
}
