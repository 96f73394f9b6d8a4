import type { DomNode, FormatCallback } from 'html-to-text';
import { markdownTable, withoutEmptyColumns } from './markdown-table';

// The HTML standard's own caps: a larger span is markup that wants to blow the grid up, not a table.
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

/** A cell as html-to-text's builder hands it over: its rendered text and its spans. */
interface BuiltCell {
  colspan: number;
  rowspan: number;
  text: string;
}

/**
 * An HTML table (and mammoth's rendering of a Word table) as a Markdown table, its first row the header, caption
 * above it. A table that holds another table is page layout, not data: each of its cells is a block of its own.
 * Merged cells keep the columns aligned: the text in the first slot, the others empty.
 */
export const formatTable: FormatCallback = (elem, walk, builder) => {
  const caption = elem.children.find((child) => isTag(child, 'caption'));
  if (caption) {
    builder.openBlock({ leadingLineBreaks: 2 });
    walk(caption.children, builder);
    builder.closeBlock({ trailingLineBreaks: 2 });
  }
  const rows = rowsOf(elem);
  if (rows.some((row) => cellsOf(row).some(holdsTable))) {
    for (const cell of rows.flatMap(cellsOf)) {
      builder.openBlock({ leadingLineBreaks: 1 });
      walk(cell.children, builder);
      builder.closeBlock({ trailingLineBreaks: 1 });
    }
    return;
  }
  builder.openTable();
  for (const row of rows) {
    builder.openTableRow();
    for (const cell of cellsOf(row)) {
      builder.openTableCell();
      walk(cell.children, builder);
      builder.closeTableCell({ colspan: span(cell, 'colspan', MAX_COLSPAN), rowspan: span(cell, 'rowspan', MAX_ROWSPAN) });
    }
    builder.closeTableRow();
  }
  builder.closeTable({ tableToString: tableText, leadingLineBreaks: 2, trailingLineBreaks: 2 });
};

/**
 * Blank rows and columns (spacers) left out; what is then at least two rows by two columns is a Markdown table,
 * anything narrower is its cells' text, a block each, as a single row or column reads best.
 */
function tableText(rows: BuiltCell[][]): string {
  const grid = withoutEmptyColumns(gridOf(rows).filter((row) => row.some((cell) => cell.trim() !== '')));
  if (grid.length >= 2 && grid[0].length >= 2) return markdownTable(grid);
  return rows
    .flat()
    .map((cell) => cell.text.trim())
    .filter(Boolean)
    .join('\n\n');
}

/** The cells laid out on a grid, a merged cell's text in its first slot. */
function gridOf(rows: BuiltCell[][]): string[][] {
  const grid: string[][] = rows.map(() => []);
  rows.forEach((cells, y) => {
    let x = 0;
    for (const cell of cells) {
      while (grid[y][x] !== undefined) x++;
      const height = Math.min(cell.rowspan, rows.length - y);
      for (let dy = 0; dy < height; dy++)
        for (let dx = 0; dx < cell.colspan; dx++) grid[y + dy][x + dx] = dy === 0 && dx === 0 ? cell.text : '';
      x += cell.colspan;
    }
  });
  // A slot left undefined (a short row beside a merged cell) is an empty cell.
  return grid.map((row) => Array.from(row, (cell) => cell ?? ''));
}

/** The table's own rows, in document order, through thead, tbody and tfoot; not the rows of tables inside it. */
function rowsOf(table: DomNode): DomNode[] {
  return table.children.flatMap((child) => {
    if (isTag(child, 'tr')) return [child];
    if (isTag(child, 'thead') || isTag(child, 'tbody') || isTag(child, 'tfoot')) return child.children.filter((row) => isTag(row, 'tr'));
    return [];
  });
}

function cellsOf(row: DomNode): DomNode[] {
  return row.children.filter((child) => isTag(child, 'td') || isTag(child, 'th'));
}

function holdsTable(node: DomNode): boolean {
  const stack = [...node.children];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (isTag(next, 'table')) return true;
    // One by one: spreading a very wide element's children would overflow the call stack.
    for (const child of next.children ?? []) stack.push(child);
  }
  return false;
}

function span(cell: DomNode, attribute: string, max: number): number {
  const value = Number.parseInt(String(cell.attribs?.[attribute] ?? '1'), 10);
  return Number.isSafeInteger(value) && value >= 1 ? Math.min(value, max) : 1;
}

function isTag(node: DomNode, name: string): boolean {
  return node.type === 'tag' && node.name === name;
}
