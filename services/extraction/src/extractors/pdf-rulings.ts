import { OPS, type PDFPageProxy } from './pdfjs';

/** A horizontal (`at` is its y, `from`–`to` along x) or vertical (`at` is its x) line drawn on the page. */
export interface Rule {
  at: number;
  from: number;
  to: number;
}

export interface Rulings {
  horizontal: Rule[];
  vertical: Rule[];
}

/** pdf.js's path codes inside a constructPath operation (DrawOPS, not exported). */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;
const CLOSE_PATH = 4;
/** A stroke within this many points of level (or plumb) is a rule. */
const STRAIGHT = 1;
const MIN_RULE = 4;
/** Pages with more drawn edges than this are drawings, not tables: their rulings are not read (the work stays bounded). */
const MAX_RULES = 2_000;

type Matrix = [number, number, number, number, number, number];

/**
 * The straight horizontal and vertical edges a page draws, in the coordinates of its text (PDF user space): lines,
 * the sides of rectangles (a thin filled rectangle is a rule too). Read from pdf.js's operator list, with the
 * transformation matrix followed through save/restore and form XObjects. Curves are skipped.
 */
export async function readRulings(page: PDFPageProxy): Promise<Rulings> {
  const { fnArray, argsArray } = await page.getOperatorList();
  const rulings: Rulings = { horizontal: [], vertical: [] };
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  for (let i = 0; i < fnArray.length; i++) {
    const op = fnArray[i];
    const args = argsArray[i] as unknown[];
    if (op === OPS.save) stack.push(ctm);
    else if (op === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (op === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (op === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args[0])) ctm = multiply(args[0] as Matrix, ctm);
    } else if (op === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (op === OPS.constructPath && args[0] !== OPS.endPath) addEdges(args[1], ctm, rulings);
    if (rulings.horizontal.length + rulings.vertical.length > MAX_RULES) return { horizontal: [], vertical: [] };
  }
  return rulings;
}

function addEdges(data: unknown, ctm: Matrix, rulings: Rulings): void {
  const path = Array.isArray(data) ? (data[0] as ArrayLike<number> | undefined) : undefined;
  if (!path || typeof path.length !== 'number') return;
  let start: [number, number] | null = null;
  let current: [number, number] | null = null;
  for (let i = 0; i < path.length;) {
    const code = path[i];
    if (code === MOVE_TO) {
      current = start = apply(ctm, path[i + 1], path[i + 2]);
      i += 3;
    } else if (code === LINE_TO) {
      const next = apply(ctm, path[i + 1], path[i + 2]);
      if (current) addEdge(current, next, rulings);
      current = next;
      i += 3;
    } else if (code === CLOSE_PATH) {
      if (current && start) addEdge(current, start, rulings);
      current = start;
      i += 1;
    } else if (code === CURVE_TO) {
      current = apply(ctm, path[i + 5], path[i + 6]);
      i += 7;
    } else if (code === QUADRATIC_CURVE_TO) {
      current = apply(ctm, path[i + 3], path[i + 4]);
      i += 5;
    } else return;
  }
}

function addEdge([x0, y0]: [number, number], [x1, y1]: [number, number], rulings: Rulings): void {
  if (Math.abs(y0 - y1) <= STRAIGHT && Math.abs(x1 - x0) >= MIN_RULE)
    rulings.horizontal.push({ at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
  else if (Math.abs(x0 - x1) <= STRAIGHT && Math.abs(y1 - y0) >= MIN_RULE)
    rulings.vertical.push({ at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
}

function apply([a, b, c, d, e, f]: Matrix, x: number, y: number): [number, number] {
  return [a * x + c * y + e, b * x + d * y + f];
}

/** `m` applied first, then `n` (PDF's row-vector convention: m × n). */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}
