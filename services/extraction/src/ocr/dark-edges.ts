import { createCanvas, type Image } from '@napi-rs/canvas';
import { encodeCanvas } from '../pages/encode-canvas';

/**
 * A row or column at the page's edge whose mean grey is under this share of the paper's grey is the scanner's lid or
 * bed showing around the sheet. Tesseract binarises a page with one Otsu threshold: on ICDAR receipt 600 (faint thermal
 * print, grey ~150 on paper ~240) black rows along two edges pulled the threshold under the print and not one word was
 * read. Its edge rows go 11, 16, 24 … 125, 150 … 196 towards the paper; 0.8 instead of 0.5 also cut into receipts lying
 * on a grey scanner bed, and cost words.
 */
const DARK_EDGE = 0.5;
/** The dark run fades into the paper over about as many lines again (receipt 600: 12 px black, 12 px grey). */
const FADE = 2;
/**
 * Borders covering less of the page barely move the threshold: on 15 other SROIE receipts cuts of 1–4 px changed
 * word-F1 by up to ±0.02 either way (tesseract reads the cut copy at a default resolution), so they are left.
 */
const MIN_BORDER_SHARE = 0.02;
/** A side is never cut by more than this share: a dark band deeper than that is part of the page (a header, a photo). */
const MAX_EDGE_SHARE = 0.15;
/** Edges are looked for on a copy whose longer side is at most this: cheap on a 5000 px scan, fine enough for a border. */
const PROBE_SIDE = 1000;

/** The page as PNG without the dark scanner border along its edges, or null when it has (almost) none. */
export async function withoutDarkEdges(source: Image): Promise<Buffer | null> {
  const scale = Math.min(1, PROBE_SIDE / Math.max(source.width, source.height));
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const probe = createCanvas(width, height);
  const context = probe.getContext('2d');
  // Transparent pixels read as black; over white they read as the paper they stand for.
  context.fillStyle = 'white';
  context.fillRect(0, 0, width, height);
  context.drawImage(source, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  const grey = (x: number, y: number) => {
    const at = (y * width + x) * 4;
    return (data[at] + data[at + 1] + data[at + 2]) / 3;
  };
  const dark = DARK_EDGE * paperGrey(width, height, grey);
  const rowMean = (y: number) => mean(width, (x) => grey(x, y));
  const columnMean = (x: number) => mean(height, (y) => grey(x, y));
  const top = darkRun(height, (y) => rowMean(y) < dark);
  const bottom = darkRun(height, (y) => rowMean(height - 1 - y) < dark);
  const left = darkRun(width, (x) => columnMean(x) < dark);
  const right = darkRun(width, (x) => columnMean(width - 1 - x) < dark);
  const kept = (width - left - right) * (height - top - bottom);
  if (kept > (1 - MIN_BORDER_SHARE) * width * height) return null;
  const box = [left, top, width - right, height - bottom].map((at) => Math.round(at / scale));
  const cropped = createCanvas(box[2] - box[0], box[3] - box[1]);
  cropped.getContext('2d').drawImage(source, box[0], box[1], cropped.width, cropped.height, 0, 0, cropped.width, cropped.height);
  return encodeCanvas(cropped, 'png');
}

/** How many lines from the edge to cut: the dark ones and their fade, up to MAX_EDGE_SHARE of `length`. */
function darkRun(length: number, isDark: (line: number) => boolean): number {
  const limit = Math.floor(length * MAX_EDGE_SHARE);
  let line = 0;
  while (line < limit && isDark(line)) line++;
  return Math.min(limit, line * FADE);
}

/** The median grey of the page: the paper's, on a page that is mostly paper. */
function paperGrey(width: number, height: number, grey: (x: number, y: number) => number): number {
  const histogram = new Array<number>(256).fill(0);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) histogram[Math.round(grey(x, y))]++;
  let seen = 0;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level];
    if (seen * 2 >= width * height) return level;
  }
  return 255;
}

function mean(length: number, value: (at: number) => number): number {
  let sum = 0;
  for (let at = 0; at < length; at++) sum += value(at);
  return sum / length;
}
