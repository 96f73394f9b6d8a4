import { createCanvas } from '@napi-rs/canvas';
import { encodeCanvas } from '../pages/encode-canvas';
import type { PDFPageProxy } from './pdfjs';

type RenderParameters = Parameters<PDFPageProxy['render']>[0];

/**
 * Renders a page to PNG for OCR at `dpi`, scaled down when the bitmap would exceed `maxPixels`
 * (a page can declare any size). Encoding runs off the event loop.
 */
export async function renderPageToPng(page: PDFPageProxy, dpi: number, maxPixels: number): Promise<Buffer> {
  const natural = page.getViewport({ scale: dpi / 72 });
  const shrink = Math.min(1, Math.sqrt(maxPixels / (natural.width * natural.height)));
  const viewport = page.getViewport({ scale: (dpi / 72) * shrink });
  const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
  await page.render({ canvas: canvas as unknown as RenderParameters['canvas'], viewport }).promise;
  return encodeCanvas(canvas, 'png');
}
