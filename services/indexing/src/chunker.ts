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
const CHUNKER_ALGORITHM = '1';

/** The chunker's version as recorded on every chunk: its algorithm and the settings that shape its output. */
export function chunkerVersion(settings: ChunkerSettings): string {
  return `${CHUNKER_ALGORITHM}-max${settings.maxChars}-overlap${settings.overlapChars}`;
}

interface Block {
  kind: 'heading' | 'paragraph';
  text: string;
}

/**
 * Splits pages into chunks along the document's structure: pages, then sections (a heading starts a new
 * chunk), then paragraphs packed together up to `maxChars`. A paragraph that is too long is cut between
 * sentences, and a sentence that is too long between words. Consecutive chunks of one section overlap.
 */
export function chunkPages(pages: { number: number; text: string }[], settings: ChunkerSettings): TextChunk[] {
  if (settings.overlapChars >= settings.maxChars) throw new RangeError('overlapChars must be smaller than maxChars');
  const chunks: TextChunk[] = [];
  let heading: string | null = null;
  for (const page of pages) {
    // `carried` is what the chunk being built starts with (a heading, or the previous chunk's overlap): no content of its own.
    let current = '';
    let carried = true;
    const flush = (overlap: boolean) => {
      // A heading with no text after it (a title page, a heading before a sub-heading) is text to find all the same.
      const loneHeading = current !== '' && current === heading && !overlap;
      if (!carried || loneHeading) chunks.push({ ordinal: chunks.length, page: page.number, text: current, heading });
      current = overlap ? tail(current, settings.overlapChars) : '';
      carried = true;
    };
    for (const block of blocksOf(page.text)) {
      if (block.kind === 'heading') {
        flush(false);
        heading = block.text;
        current = block.text;
        continue;
      }
      fitting(block.text, settings.maxChars - settings.overlapChars).forEach((piece, index) => {
        if (!carried && current.length + 2 + piece.length > settings.maxChars) flush(true);
        const separator = current === '' ? '' : index > 0 || (carried && current !== heading) ? ' ' : '\n\n';
        current = `${current}${separator}${piece}`;
        carried = false;
      });
    }
    flush(false);
  }
  return chunks;
}

/** Paragraphs (separated by blank lines) with whitespace tidied; a heading-like first line becomes its own block. */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = raw
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    const headingLines = isHeading(lines[0], lines.length > 1) ? 1 : 0;
    if (headingLines) blocks.push({ kind: 'heading', text: lines[0].replace(/^#{1,6}\s+/, '') });
    const rest = lines.slice(headingLines).join(' ');
    if (rest) blocks.push({ kind: 'paragraph', text: rest });
  }
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

function wordRuns(sentence: string, limit: number): string[] {
  const runs: string[] = [];
  let run = '';
  for (const word of sentence.split(' ')) {
    // A single "word" longer than the limit (a URL, a hash) is cut where it must be.
    for (let start = 0; start < word.length; start += limit) {
      const part = word.slice(start, start + limit);
      if (run !== '' && run.length + 1 + part.length > limit) {
        runs.push(run);
        run = '';
      }
      run = run === '' ? part : `${run} ${part}`;
    }
  }
  if (run !== '') runs.push(run);
  return runs;
}

/** The end of a chunk to repeat at the start of the next: at most `chars` characters, starting at a word. */
function tail(text: string, chars: number): string {
  if (chars === 0) return '';
  const end = text.slice(-chars);
  if (end.length === text.length) return text;
  const firstSpace = end.search(/\s/);
  return firstSpace === -1 ? '' : end.slice(firstSpace).trim();
}
