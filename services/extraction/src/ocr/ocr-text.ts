/** Tesseract ends blocks with blank lines and pads lines; keep one blank line between blocks. */
export function normaliseOcrText(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
