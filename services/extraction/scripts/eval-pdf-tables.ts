/*
 * Tables read from PDFs against the ICDAR 2013 table competition's ground truth (the EU and US government documents
 * tabula-java ships with each table's cells by row and column, `*-str.xml`): adjacency-relation F1, the competition's
 * measure (each non-empty cell with its next non-empty neighbour to the right and below, as a triple of their texts),
 * over all documents. A table we leave as text scores no relations: recall says how many tables are read, precision
 * how right those we do read are. `npm run eval:pdf-tables -w @docpipe/extraction`.
 *
 * The aligned (unruled) table finder was tuned on the even-numbered files only (eu-002, us-004, …); the odd-numbered ones
 * (eu-001, us-011a, …) were not looked at while tuning and are scored apart, so a gain there is one that generalises.
 * `-- tune` or `-- held-out` runs one part (the results file is written by a full run only).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { readTextLayers } from '../src/extractors/pdf-text-layer';
import { EVAL_ROOT, SOURCES_DIR } from './eval-corpus';
import { multisetOverlap } from './word-f1';

const REPO = 'tabulapdf/tabula-java';
const COMMIT = '2cdf3b4fd3f7e921dca8cc6814cdd9316be40f0f';
const DATASET = 'src/test/resources/technology/tabula/icdar2013-dataset';

type Grid = string[][];

interface Score {
  found: number;
  wanted: number;
  right: number;
  tables: number;
  read: number;
}

const PARTS = ['tune', 'held-out'] as const;
type Part = (typeof PARTS)[number];

/** Odd-numbered files are held out: `eu-001.pdf`, `us-011a.pdf`. */
function partOf(path: string): Part {
  const number = Number(/-(\d+)[a-z]?\.pdf$/.exec(path)?.[1]);
  return number % 2 === 1 ? 'held-out' : 'tune';
}

async function main(): Promise<void> {
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', join(SOURCES_DIR, REPO.replace('/', '+'), 'repo'), ...args], { maxBuffer: 1 << 28 });
  const pdfs = git('ls-tree', '-r', '--name-only', COMMIT, DATASET)
    .toString()
    .split('\n')
    .filter((path) => path.endsWith('.pdf'));
  const only = process.argv.slice(2).find((arg): arg is Part => (PARTS as readonly string[]).includes(arg));
  const scores: Record<Part, Score> = {
    tune: { found: 0, wanted: 0, right: 0, tables: 0, read: 0 },
    'held-out': { found: 0, wanted: 0, right: 0, tables: 0, read: 0 },
  };
  const rows: string[] = [];
  for (const path of pdfs.filter((candidate) => !only || partOf(candidate) === only)) {
    const truth = groundTruth(git('show', `${COMMIT}:${path.replace(/\.pdf$/, '-str.xml')}`).toString('utf8'));
    const pages = [...new Set(truth.map((table) => table.page))];
    const ours: Grid[] = [];
    for (const page of pages) {
      const [layer] = await readTextLayers(new Uint8Array(git('show', `${COMMIT}:${path}`)), page, page);
      ours.push(...markdownTables(layer.text));
    }
    const want = truth.flatMap((table) => relations(table.grid));
    const got = ours.flatMap(relations);
    const hits = multisetOverlap(got, want);
    const part = scores[partOf(path)];
    part.found += got.length;
    part.wanted += want.length;
    part.right += hits;
    part.tables += truth.length;
    part.read += ours.length;
    const name = path.split('/').pop()!;
    rows.push(`| ${name} | ${partOf(path)} | ${truth.length} | ${ours.length} | ${hits}/${got.length} | ${hits}/${want.length} |`);
  }
  const all = PARTS.reduce<Score>(
    (sum, part) => ({
      found: sum.found + scores[part].found,
      wanted: sum.wanted + scores[part].wanted,
      right: sum.right + scores[part].right,
      tables: sum.tables + scores[part].tables,
      read: sum.read + scores[part].read,
    }),
    { found: 0, wanted: 0, right: 0, tables: 0, read: 0 },
  );
  const summary = [
    `${rows.length} PDFs: ${summaryOf(all)}`,
    ...PARTS.filter((part) => !only || part === only).map((part) => `- ${part}: ${summaryOf(scores[part])}`),
  ].join('\n');
  if (only) console.log(rows.join('\n'));
  console.log(summary);
  if (only) return;
  mkdirSync(join(EVAL_ROOT, 'results'), { recursive: true });
  writeFileSync(
    join(EVAL_ROOT, 'results/pdf-tables.md'),
    [
      '# PDF tables against the ICDAR 2013 table competition ground truth',
      '',
      `\`npm run eval:pdf-tables -w @docpipe/extraction\`, ${new Date().toISOString().slice(0, 10)}: ${REPO} at ${COMMIT}, \`${DATASET}\` (MIT, tabula-java's test resources).`,
      '',
      summary,
      '',
      '| file | part | tables | read | relations right/ours | right/wanted |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
}

function summaryOf({ found, wanted, right, tables, read }: Score): string {
  const precision = found ? right / found : 0;
  const recall = wanted ? right / wanted : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return (
    `${tables} tables in the ground truth, ${read} Markdown tables read on their pages; adjacency relations: ` +
    `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}.`
  );
}

/** The ground truth's tables: each region's cells on a grid, a spanning cell's text in its first slot. */
function groundTruth(xml: string): { page: number; grid: Grid }[] {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const tables: { page: number; grid: Grid }[] = [];
  for (const region of Array.from(document.getElementsByTagName('region'))) {
    const grid: Grid = [];
    for (const cell of Array.from(region.getElementsByTagName('cell'))) {
      const row = Number(cell.getAttribute('start-row'));
      const column = Number(cell.getAttribute('start-col'));
      (grid[row] ??= [])[column] = words(cell.getElementsByTagName('content')[0]?.textContent ?? '');
    }
    tables.push({
      page: Number(region.getAttribute('page')),
      grid: Array.from(grid, (row) => Array.from(row ?? [], (cell) => cell ?? '')),
    });
  }
  return tables;
}

/** The Markdown tables in a page's text, as grids of their cells' words (the separator line left out). */
function markdownTables(text: string): Grid[] {
  const grids: Grid[] = [];
  let grid: Grid | null = null;
  for (const line of text.split('\n')) {
    if (!/^\|.*\|$/.test(line)) {
      grid = null;
      continue;
    }
    if (/^\|(?:\s*-{3,}\s*\|)+$/.test(line)) continue;
    if (!grid) grids.push((grid = []));
    grid.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map(words),
    );
  }
  return grids;
}

/** Each non-empty cell with the next non-empty cell to its right and below it. */
function relations(grid: Grid): string[] {
  const found: string[] = [];
  grid.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      const right = row.slice(c + 1).find(Boolean);
      if (right) found.push(`${cell}\u2192${right}`);
      const below = grid.slice(r + 1).find((next) => next[c])?.[c];
      if (below) found.push(`${cell}\u2193${below}`);
    }),
  );
  return found;
}

/** A cell's letters and digits, lower case, words single-spaced: layout and punctuation do not count. */
function words(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  ).join(' ');
}

void main();
