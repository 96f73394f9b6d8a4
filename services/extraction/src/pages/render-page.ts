import { loadImage, type Canvas } from '@napi-rs/canvas';
import { AppError } from '@docpipe/platform';
import { loadPdf } from '../extractors/pdf-document';
import type { PDFPageProxy } from '../extractors/pdfjs';
import { encodeCanvas } from './encode-canvas';
import { textFont } from './text-font';
import { whiteCanvas } from './white-canvas';

type RenderParameters = Parameters<PDFPageProxy['render']>[0];

/** Thumbnails (the first page, in lists) are this wide; page images for the preview are PREVIEW_WIDTH. */
export const THUMBNAIL_WIDTH = 240;
export const PREVIEW_WIDTH = 1000;
const WEBP_QUALITY = 80;
// A text card is an A4 sheet; its type is sized for the thumbnail and scaled with the width.
const A4_RATIO = 1.414;

// Formats @napi-rs/canvas decodes; TIFF is not one of them.
const DRAWN_IMAGES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/bmp', 'image/gif']);

export interface PageToDraw {
  bytes: Buffer;
  mediaType: string;
  /** 1-based. */
  page: number;
  /** The page's extracted text, drawn for formats without a page picture of their own. */
  text: string;
  width: number;
}

/**
 * A page as a WebP `width` pixels wide, its height following the page's shape up to twice the width: a PDF page
 * rendered by pdf.js, an image downscaled, anything else (office formats, text, e-mail, TIFF) its extracted text
 * set on a white page. Runs on bytes extraction already read within its page, pixel and archive limits.
 */
export async function renderPage(target: PageToDraw): Promise<Buffer> {
  const canvas =
    target.mediaType === 'application/pdf'
      ? await pdfPage(target)
      : DRAWN_IMAGES.has(target.mediaType)
        ? await image(target)
        : textCard(target.text, target.width);
  return encodeCanvas(canvas, 'webp', WEBP_QUALITY);
}

async function pdfPage({ bytes, page: number, width }: PageToDraw): Promise<Canvas> {
  // Opened as extraction reads it, with the standard fonts' outlines: without them their letters are drawn as boxes.
  const document = await loadPdf(bytes);
  try {
    if (number > document.numPages) throw pageNotFound(number, document.numPages);
    const page = await document.getPage(number);
    const natural = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min(width / natural.width, (2 * width) / natural.height) });
    const canvas = whiteCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
    await page.render({ canvas: canvas as unknown as RenderParameters['canvas'], viewport }).promise;
    return canvas;
  } finally {
    await document.destroy();
  }
}

async function image({ bytes, page, width }: PageToDraw): Promise<Canvas> {
  if (page > 1) throw pageNotFound(page, 1);
  const picture = await loadImage(bytes);
  const scale = Math.min(1, width / picture.width, (2 * width) / picture.height);
  const canvas = whiteCanvas(Math.max(1, Math.round(picture.width * scale)), Math.max(1, Math.round(picture.height * scale)));
  canvas.getContext('2d').drawImage(picture, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** The text as a reader would glimpse it: small type, lines wrapped to the page, as many as fit. */
function textCard(text: string, width: number): Canvas {
  const height = Math.round(width * A4_RATIO);
  const canvas = whiteCanvas(width, height);
  const context = canvas.getContext('2d');
  const unit = width / THUMBNAIL_WIDTH;
  const margin = 12 * unit;
  const lineHeight = 11 * unit;
  context.fillStyle = '#222222';
  context.font = textFont(9 * unit);
  const lines = wrap(text, (line) => context.measureText(line).width <= width - 2 * margin);
  lines
    .slice(0, Math.floor((height - 2 * margin) / lineHeight))
    .forEach((line, i) => context.fillText(line, margin, margin + 9 * unit + i * lineHeight));
  return canvas;
}

function wrap(text: string, fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n').slice(0, 200)) {
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

export function pageNotFound(page: number, pages: number): AppError {
  return new AppError('page_not_found', `The document has ${pages} page${pages === 1 ? '' : 's'}; there is no page ${page}`);
}
