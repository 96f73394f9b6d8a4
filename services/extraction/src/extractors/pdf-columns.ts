import { median } from './median';

/** Text on one baseline with no wide gap inside, in the upright frame of its quarter turn. */
export interface Segment {
  text: string;
  u0: number;
  u1: number;
  v: number;
  size: number;
  turn: number;
  /** The runs of text it is made of (not the blank ones), where they are: a table's cells are read from them. */
  pieces: Piece[];
}

/** A run of text inside a segment; `spaced` when a space parts it from the piece before. */
export interface Piece {
  text: string;
  u0: number;
  u1: number;
  spaced: boolean;
}

/** Each column needs this many segments before a page counts as two columns. */
const MIN_COLUMN_SEGMENTS = 6;
/** Column text is running prose: its median segment is a line of words, not a label or a table cell. */
const MIN_MEDIAN_CHARS = 25;
/** At most this share of the segments may cross the gutter (titles, full-width figures, footers). */
const MAX_CROSSING_SHARE = 0.15;
/** The gutter is looked for in the middle of the text block, between these shares of its width. */
const GUTTER_RANGE = [0.3, 0.7] as const;
const GUTTER_STEPS = 40;
/** Running text (isRunningText): this share of a column's baselines hold one segment, ... */
const MIN_SINGLE_SHARE = 0.8;
/** ... and its lines fill this share of its height, a step counted up to MAX_LINE_STEP font sizes. */
const MIN_FILLED_SHARE = 0.5;
const MAX_LINE_STEP = 2;

/**
 * Reading order for a page whose text splits into two columns around a vertical gutter: each band between
 * full-width segments is read left column first, then right; null when the page is not two columns (its
 * content-stream order stands). Only pages whose segments share one orientation are considered. `strict` asks
 * more of the columns (see isRunningText), for segments split at gaps that pdf.js filled with spaces.
 */
export function columnOrder(segments: Segment[], strict = false): Segment[] | null {
  if (segments.length < 2 * MIN_COLUMN_SEGMENTS || new Set(segments.map((s) => s.turn)).size > 1) return null;
  const gutter = findGutter(segments, strict);
  return gutter === null ? null : readColumns(segments, gutter);
}

function findGutter(segments: Segment[], strict: boolean): number | null {
  const left = Math.min(...segments.map((s) => s.u0));
  const right = Math.max(...segments.map((s) => s.u1));
  let best: { at: number; crossing: number } | null = null;
  for (let step = 0; step <= GUTTER_STEPS; step++) {
    const share = GUTTER_RANGE[0] + ((GUTTER_RANGE[1] - GUTTER_RANGE[0]) * step) / GUTTER_STEPS;
    const at = left + (right - left) * share;
    const crossing = segments.filter((s) => s.u0 < at && s.u1 > at).length;
    if (!best || crossing < best.crossing) best = { at, crossing };
  }
  if (!best || best.crossing > MAX_CROSSING_SHARE * segments.length) return null;
  const at = best.at;
  const sides = [segments.filter((s) => s.u1 <= at), segments.filter((s) => s.u0 >= at)];
  const prose = sides.every((side) => side.length >= MIN_COLUMN_SEGMENTS && median(side.map((s) => s.text.length)) >= MIN_MEDIAN_CHARS);
  return prose && (!strict || sides.every(isRunningText)) ? at : null;
}

/**
 * A column of running text: one segment per baseline on most of its lines (not a grid of cells), its lines set
 * one under the other over most of its height (not captions scattered around figures). Asked of segments split at
 * space-filled gaps, where a grid of labels or figure captions side by side would otherwise pass for two columns.
 */
function isRunningText(side: Segment[]): boolean {
  const baselines = new Map<number, number>();
  for (const segment of side) baselines.set(Math.round(segment.v), (baselines.get(Math.round(segment.v)) ?? 0) + 1);
  const single = [...baselines.values()].filter((count) => count === 1).length;
  const heights = [...baselines.keys()].sort((a, b) => b - a);
  const step = MAX_LINE_STEP * median(side.map((s) => s.size));
  const filled = heights.slice(1).reduce((sum, v, i) => sum + Math.min(heights[i] - v, step), 0);
  return single >= MIN_SINGLE_SHARE * baselines.size && filled >= MIN_FILLED_SHARE * (heights[0] - heights.at(-1)!);
}

function readColumns(segments: Segment[], gutter: number): Segment[] {
  // Full-width segments cut the page into bands; top to bottom is a larger v for upright text.
  const crossing = segments.filter((s) => s.u0 < gutter && s.u1 > gutter).sort((p, q) => q.v - p.v);
  const ordered: Segment[] = [];
  let above = Infinity;
  for (const cut of [...crossing, null]) {
    const below = cut ? cut.v : -Infinity;
    const band = segments.filter((s) => !(s.u0 < gutter && s.u1 > gutter) && s.v < above && s.v >= below);
    ordered.push(...band.filter((s) => s.u1 <= gutter), ...band.filter((s) => s.u0 >= gutter));
    if (cut) ordered.push(cut);
    above = below;
  }
  return ordered;
}
