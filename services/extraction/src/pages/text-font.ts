import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The typeface text is drawn in (thumbnails of text documents). Named, not `sans-serif`: which system font
 * that resolves to depends on what else the machine has installed, and with some (a symbol font installed
 * by an office suite) every letter came out as a missing-glyph box. Liberation Sans (SIL OFL 1.1) ships
 * inside pdfjs-dist, which extraction already depends on.
 */
export const TEXT_FONT_FAMILY = 'Liberation Sans';

let registered = false;

export function textFont(pixels: number): string {
  if (!registered) {
    GlobalFonts.registerFromPath(require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'), TEXT_FONT_FAMILY);
    registered = true;
  }
  return `${pixels}px "${TEXT_FONT_FAMILY}"`;
}
