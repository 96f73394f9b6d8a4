import type { Segment } from './pdf-columns';

/**
 * Baselines closer than this share of the larger font size are one line: a superscript (set smaller and raised
 * by a third of the line's size) stays on its line, `240th` not `240\nth`.
 */
const SAME_LINE = 0.5;

const STRONG_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/gu;
const STRONG_LTR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/gu;

export function isRightToLeft(text: string): boolean {
  return (text.match(STRONG_RTL)?.length ?? 0) > (text.match(STRONG_LTR)?.length ?? 0);
}

/**
 * The stream's order, with each block drawn after text it stands above moved up before that text. A block is a run
 * of segments the content stream draws downwards; it is moved before the first block already read that lies wholly
 * below it and shares part of its width, or is a single line (a page number, a footer): a letterhead or title drawn
 * last goes back to the top, a footer drawn first to the bottom.
 *
 * Blocks beside each other keep the stream's order: the next column of a page whose columns were not recognised, a
 * sidebar beside running text, a table drawn column by column. Sorting those by height would interleave them.
 */
export function blocksInPlace(segments: Segment[]): Segment[] {
  if (segments.length === 0 || new Set(segments.map((segment) => segment.turn)).size > 1) return segments;
  const placed: Block[] = [];
  for (const block of blocksOf(segments)) {
    const rows = placed.find((other) => valuesBeside(other, block));
    if (rows) {
      joinRows(rows, block);
      continue;
    }
    const below = placed.findIndex((other) => other.top < block.bottom && (other.top === other.bottom || overlaps(other, block)));
    placed.splice(below === -1 ? placed.length : below, 0, block);
  }
  return placed.flatMap((block) => block.segments);
}

interface Block {
  segments: Segment[];
  /** The baseline heights of its highest and lowest line (the larger v is higher on the page), and its width. */
  top: number;
  bottom: number;
  u0: number;
  u1: number;
}

/** Runs of segments, each on the line of the one before or below it; going back up starts a new block. */
function blocksOf(segments: Segment[]): Block[] {
  const blocks: Block[] = [];
  let block: Block | null = null;
  for (const segment of segments) {
    const previous = block?.segments.at(-1);
    if (!block || !previous || (!sameLine(previous, segment) && segment.v > previous.v)) {
      block = { segments: [], top: segment.v, bottom: segment.v, u0: segment.u0, u1: segment.u1 };
      blocks.push(block);
    }
    block.segments.push(segment);
    block.top = Math.max(block.top, segment.v);
    block.bottom = Math.min(block.bottom, segment.v);
    block.u0 = Math.min(block.u0, segment.u0);
    block.u1 = Math.max(block.u1, segment.u1);
  }
  return blocks;
}

/** A column of values drawn apart from its labels is at most this many lines long: a summary, a header's facts. */
const MAX_VALUE_LINES = 12;
/** A value is short: an amount, a date, an id with a few words at most. */
const MAX_VALUE_CHARS = 40;
/** A value is set in its label's size, within this share: a heading beside a line is no value of it. */
const SAME_SIZE = 0.2;

/**
 * Whether `block` is a column of values drawn apart from the labels it stands beside (`Subtotal` … `Total` first,
 * then `100,00` … `119,00`): each of its lines is a short figure standing at the height of a line of `labels`,
 * right of everything on that line and set in its size. An address, a sidebar or a paragraph beside other text is
 * never one: not every line of it is a figure.
 */
function valuesBeside(labels: Block, block: Block): boolean {
  if (block.segments.length > MAX_VALUE_LINES) return false;
  return block.segments.every((segment) => {
    const beside = labels.segments.filter((other) => sameLine(other, segment));
    return (
      isFigure(segment.text) &&
      segment.text.trim().length <= MAX_VALUE_CHARS &&
      beside.length > 0 &&
      beside.every(
        (other) => other.u1 <= segment.u0 && Math.abs(other.size - segment.size) <= SAME_SIZE * Math.max(other.size, segment.size),
      )
    );
  });
}

/** An amount, a date, an id: digits, with no more letters than digits (`119,00 EUR`, `28/02/2023`, not `sidebar entry 2`). */
function isFigure(text: string): boolean {
  const digits = text.match(/\d/g)?.length ?? 0;
  return digits > 0 && digits >= (text.match(/\p{L}/gu)?.length ?? 0);
}

/** The values' segments each follow the last segment on their line among the labels', so each label and value read as one row. */
function joinRows(labels: Block, values: Block): void {
  for (const segment of values.segments) {
    let at = labels.segments.length - 1;
    while (!sameLine(labels.segments[at], segment)) at--;
    labels.segments.splice(at + 1, 0, segment);
  }
  labels.u0 = Math.min(labels.u0, values.u0);
  labels.u1 = Math.max(labels.u1, values.u1);
}

function overlaps(p: Block, q: Block): boolean {
  return Math.min(p.u1, q.u1) > Math.max(p.u0, q.u0);
}

/** Whether two runs or segments stand on one baseline (in the same upright frame). */
export function sameLine(p: { v: number; size: number }, q: { v: number; size: number }): boolean {
  return Math.abs(p.v - q.v) <= SAME_LINE * Math.max(p.size, q.size);
}
