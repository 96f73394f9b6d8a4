import { GlobalFonts } from '@napi-rs/canvas';

const FAMILY = 'Docpipe Test Sans';
let registered = false;

/**
 * A CSS font for drawing test images whose text OCR must read. `sans-serif` resolves to whatever the machine
 * has; after an office suite installed a symbol font it drew every letter as a box. Liberation Sans
 * (SIL OFL 1.1) ships inside pdfjs-dist.
 */
export function testFont(pixels: number): string {
  if (!registered) {
    GlobalFonts.registerFromPath(require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'), FAMILY);
    registered = true;
  }
  return `${pixels}px "${FAMILY}"`;
}
