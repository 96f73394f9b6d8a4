import { columnOrder, type Segment } from './pdf-columns';
import { pageMarkdown, type PageLine } from './pdf-markdown';
import { blocksInPlace, isRightToLeft, sameLine } from './pdf-reading-order';
import { normalizeUnicode } from './pdfjs';

/** The parts of a pdf.js text item the layout needs (`TextItem` without the font details). */
export interface PositionedRun {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** A gap wider than this share of the font size between two runs is a word space the PDF did not draw. */
const SPACE_GAP = 0.17;
/** A gap wider than this (in font sizes) separates text that may belong to different columns or cells. */
const SEGMENT_GAP = 1.0;
/** A step between baselines above this many font sizes leaves a blank line: a paragraph or block ends. */
const PARAGRAPH_STEP = 1.9;

interface Run {
  text: string;
  /** Quarter turns of the baseline (0 = left to right along x), so rotated pages read like upright ones. */
  turn: number;
  /** Start and end along the baseline, and the baseline's height, in the run's upright frame. */
  u0: number;
  u1: number;
  v: number;
  size: number;
}

/**
 * The text of one page from its positioned runs, as Markdown (pageMarkdown): runs on one baseline form a line; a
 * line whose letters are mostly right-to-left is read from right to left (pdf.js already gives each run in logical
 * order); gaps between runs become spaces; two-column pages are read column by column, and text drawn after what it
 * stands above is moved up (blocksInPlace).
 */
export function layoutPageText(items: readonly PositionedRun[]): string {
  return pageMarkdown(pageLines(items));
}

/** The page's lines in reading order, each with its segments (their geometry) and the break above it. */
export function pageLines(items: readonly PositionedRun[]): PageLine[] {
  const runs = items.map(toRun).filter((run): run is Run => run !== null);
  const lines = linesOf(runs);
  const bridged = lines.flatMap((line) => segmentsOf(line, true));
  // Split at space-filled gaps only where that gives two columns of running text; every other page keeps its lines.
  const unbridged = (): Segment[] => lines.flatMap((line) => segmentsOf(line, false));
  return readingLines(columnOrder(bridged) ?? columnOrder(unbridged(), true) ?? blocksInPlace(bridged));
}

function toRun(item: PositionedRun): Run | null {
  if (item.str === '') return null;
  const [a, b, c, d, x, y] = item.transform;
  const turn = (Math.round(Math.atan2(b, a) / (Math.PI / 2)) + 4) % 4;
  const cos = [1, 0, -1, 0][turn];
  const sin = [0, 1, 0, -1][turn];
  const u = x * cos + y * sin;
  const v = -x * sin + y * cos;
  const size = Math.hypot(c, d) || item.height || 10;
  // Ligatures (ﬁ) and Arabic presentation forms become the letters a reader would type.
  return { text: normalizeUnicode(item.str), turn, u0: u, u1: u + Math.abs(item.width), v, size };
}

/** Consecutive runs (content-stream order) on one baseline. */
function linesOf(runs: Run[]): Run[][] {
  const lines: Run[][] = [];
  let line: Run[] = [];
  for (const run of runs) {
    const first = line[0];
    if (first && (first.turn !== run.turn || !sameLine(first, run))) {
      lines.push(line);
      line = [];
    }
    line.push(run);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * One line's runs in reading order, joined into segments wherever no wide gap separates them. pdf.js fills a wide
 * gap with a run of spaces; `bridge` lets such a run close the gap (a label and its value, a table row whose cells
 * are spaced out stay one segment, as they always have), otherwise gaps are measured between inked runs only, so a
 * page set line by line across two columns splits at its gutter. pageLines uses the latter only when it gives columns.
 */
function segmentsOf(line: Run[], bridge: boolean): Segment[] {
  const rtl = isRightToLeft(line.map((run) => run.text).join(''));
  const ordered = [...line].sort((p, q) => (rtl ? q.u1 - p.u1 : p.u0 - q.u0));
  const segments: Segment[] = [];
  let current: Segment | null = null;
  let previous: Run | null = null;
  for (const run of ordered) {
    const blank = run.text.trim() === '';
    if (blank && !bridge) {
      if (current && !/\s$/.test(current.text)) current.text += ' ';
      continue;
    }
    const gap = previous ? (rtl ? previous.u0 - run.u1 : run.u0 - previous.u1) : 0;
    const size = Math.min(run.size, previous?.size ?? run.size);
    if (!current || gap > SEGMENT_GAP * size) {
      const pieces = blank ? [] : [{ text: run.text, u0: run.u0, u1: run.u1, spaced: false }];
      current = { text: run.text, u0: run.u0, u1: run.u1, v: run.v, size: run.size, turn: run.turn, pieces };
      segments.push(current);
    } else if (blank) {
      // An explicit space run: some PDFs draw word spaces as narrow glyphs that leave almost no gap.
      if (!/\s$/.test(current.text)) current.text += ' ';
    } else {
      const space = gap > SPACE_GAP * size && !/\s$/.test(current.text) && !/^\s/.test(run.text);
      const spaced = space || /\s$/.test(current.text) || /^\s/.test(run.text);
      current.pieces.push({ text: run.text, u0: run.u0, u1: run.u1, spaced });
      current.text += space ? ` ${run.text}` : run.text;
      current.u0 = Math.min(current.u0, run.u0);
      current.u1 = Math.max(current.u1, run.u1);
    }
    previous = run;
  }
  return segments;
}

/** Segments on one baseline share a line; a large step down leaves a blank line (a paragraph break). */
function readingLines(segments: Segment[]): PageLine[] {
  const lines: PageLine[] = [];
  let previous: Segment | null = null;
  for (const segment of segments) {
    const piece = segment.text.replace(/[ \t]+/g, ' ').trim();
    if (piece === '') continue;
    const tidied = { ...segment, text: piece };
    const line = lines.at(-1);
    if (line && previous) {
      const step = Math.abs(previous.v - segment.v);
      const size = Math.min(previous.size, segment.size);
      if (previous.turn === segment.turn && sameLine(previous, segment)) line.segments.push(tidied);
      else lines.push({ segments: [tidied], paragraph: step > PARAGRAPH_STEP * size });
    } else {
      lines.push({ segments: [tidied], paragraph: false });
    }
    previous = segment;
  }
  return lines;
}
