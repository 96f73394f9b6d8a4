import { readTable, tablePieces, tableStartsAt, wordRuns, type TableBlock } from './markdown-tables';

export interface ChunkerSettings {
  /** Longest chunk, in characters: about what one embedding and one search hit should cover. */
  maxChars: number;
  /** Characters of the previous chunk repeated at the start of the next one of the same section, so a sentence cut at the boundary is found whole in one of them. */
  overlapChars: number;
}

export interface TextChunk {
  ordinal: number;
  /** The page the chunk's text is on: chunks never span pages, so a hit points at one page. */
  page: number;
  text: string;
  /** The heading of the section the chunk belongs to, if any: context for its embedding. */
  heading: string | null;
}

export const CHUNKER_NAME = 'structure-chunker';
// 2: Markdown tables are cut between rows only, every chunk of a table starting with its header.
const CHUNKER_ALGORITHM = '2';

/** The chunker's version as recorded on every chunk: its algorithm and the settings that shape its output. */
export function chunkerVersion(settings: ChunkerSettings): string {
  return `${CHUNKER_ALGORITHM}-max${settings.maxChars}-overlap${settings.overlapChars}`;
}

type Block = { kind: 'heading' | 'paragraph'; text: string } | TableBlock;

/**
 * Splits pages into chunks along the document's structure: pages, then sections (a heading starts a new
 * chunk), then paragraphs and tables packed together up to `maxChars`. A paragraph that is too long is cut between
 * sentences, and a sentence that is too long between words; consecutive chunks of prose overlap. A table that does not
 * fit is cut between rows, each chunk of it starting with its header row and separator, and without overlap: no chunk
 * starts inside a row (tablePieces says what happens to a row longer than a chunk).
 */
export function chunkPages(pages: { number: number; text: string }[], settings: ChunkerSettings): TextChunk[] {
  if (settings.overlapChars >= settings.maxChars) throw new RangeError('overlapChars must be smaller than maxChars');
  const chunks: TextChunk[] = [];
  let heading: string | null = null;
  for (const page of pages) {
    // `carried` is what the chunk being built starts with (a heading, or the previous chunk's overlap): no content of its own.
    let current = '';
    let carried = true;
    // A chunk that ends in a table passes no overlap on: the next would start inside a row.
    let endsInTable = false;
    const flush = (overlap: boolean) => {
      // A heading with no text after it (a title page, a heading before a sub-heading) is text to find all the same.
      const loneHeading = current !== '' && current === heading && !overlap;
      if (!carried || loneHeading) chunks.push({ ordinal: chunks.length, page: page.number, text: current, heading });
      current = overlap && !endsInTable ? tail(current, settings.overlapChars) : '';
      carried = true;
    };
    for (const block of blocksOf(page.text)) {
      if (block.kind === 'heading') {
        flush(false);
        heading = block.text;
        current = block.text;
        continue;
      }
      if (block.kind === 'table') {
        for (const piece of tablePieces(block, settings.maxChars)) {
          if (current.length + 2 + piece.length > settings.maxChars) {
            if (carried) current = '';
            else flush(false);
          }
          current = current === '' ? piece : `${current}\n\n${piece}`;
          carried = false;
          endsInTable = true;
        }
        continue;
      }
      fitting(block.text, settings.maxChars - settings.overlapChars).forEach((piece, index) => {
        if (!carried && current.length + 2 + piece.length > settings.maxChars) flush(true);
        const separator = current === '' ? '' : index > 0 || (carried && current !== heading) ? ' ' : '\n\n';
        current = `${current}${separator}${piece}`;
        carried = false;
        endsInTable = false;
      });
    }
    flush(false);
  }
  return chunks;
}

/**
 * Paragraphs (separated by blank lines) with whitespace tidied; a heading-like first line becomes its own block, and a
 * Markdown table (a row above a `| --- |` separator, then its rows) a table block, its lines kept apart.
 */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = raw
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    let prose: string[] = [];
    for (let at = 0; at < lines.length;) {
      if (!tableStartsAt(lines, at)) {
        prose.push(lines[at++]);
        continue;
      }
      blocks.push(...proseBlocks(prose));
      prose = [];
      const { table, next } = readTable(lines, at);
      blocks.push(table);
      at = next;
    }
    blocks.push(...proseBlocks(prose));
  }
  return blocks;
}

/** Lines of prose as a paragraph, a heading-like first line split off. */
function proseBlocks(lines: string[]): Block[] {
  if (lines.length === 0) return [];
  const headingLines = isHeading(lines[0], lines.length > 1) ? 1 : 0;
  const blocks: Block[] = headingLines ? [{ kind: 'heading', text: lines[0].replace(/^#{1,6}\s+/, '') }] : [];
  const rest = lines.slice(headingLines).join(' ');
  if (rest) blocks.push({ kind: 'paragraph', text: rest });
  return blocks;
}

/**
 * Markdown headings, numbered section titles and short title-like lines that do not end a sentence;
 * a single capitalised word only on a line of its own directly above text ("Summary").
 */
function isHeading(line: string, aboveText: boolean): boolean {
  if (/^#{1,6}\s+\S/.test(line)) return true;
  if (line.length > 80 || /[.,;:!?]$/.test(line)) return false;
  const words = line.split(' ');
  if (words.length > 10) return false;
  if (/^(\d+(\.\d+)*\.?|[IVX]+\.)\s+\p{Lu}/u.test(line)) return true;
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 3 && letters === letters.toUpperCase()) return true;
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return (words.length >= 2 || aboveText) && capitalised / words.length >= 0.6;
}

/** A paragraph as pieces no longer than `limit`: whole sentences where possible, words otherwise. */
function fitting(paragraph: string, limit: number): string[] {
  if (paragraph.length <= limit) return [paragraph];
  const pieces: string[] = [];
  let piece = '';
  for (const sentence of sentencesOf(paragraph).flatMap((sentence) =>
    sentence.length <= limit ? [sentence] : wordRuns(sentence, limit),
  )) {
    if (piece !== '' && piece.length + 1 + sentence.length > limit) {
      pieces.push(piece);
      piece = '';
    }
    piece = piece === '' ? sentence : `${piece} ${sentence}`;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

function sentencesOf(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(])/u);
}

/** The end of a chunk to repeat at the start of the next: at most `chars` characters, starting at a word. */
function tail(text: string, chars: number): string {
  if (chars === 0) return '';
  const end = text.slice(-chars);
  if (end.length === text.length) return text;
  const firstSpace = end.search(/\s/);
  return firstSpace === -1 ? '' : end.slice(firstSpace).trim();
}
