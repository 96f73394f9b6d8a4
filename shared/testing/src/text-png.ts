import { createCanvas } from '@napi-rs/canvas';
import { testFont } from './test-font';

const WIDTH = 900;
const MARGIN = 30;
const FONT_PIXELS = 36;
const LINE_HEIGHT = 60;

/**
 * Black text on white, large enough for OCR to read reliably, as a PNG: a "scan" for tests. The page is 900 px
 * wide, wider where a line needs it, so no line is cut off at the edge.
 */
export async function textPng(lines: readonly string[]): Promise<Buffer> {
  const font = testFont(FONT_PIXELS);
  const measure = createCanvas(1, 1).getContext('2d');
  measure.font = font;
  const widest = Math.max(0, ...lines.map((line) => measure.measureText(line).width));
  const canvas = createCanvas(Math.max(WIDTH, Math.ceil(widest) + 2 * MARGIN), LINE_HEIGHT + lines.length * LINE_HEIGHT);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = 'black';
  context.font = font;
  lines.forEach((line, i) => context.fillText(line, MARGIN, 70 + i * LINE_HEIGHT));
  return canvas.encode('png');
}
