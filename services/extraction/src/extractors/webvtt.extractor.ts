import { WebVTTParser, type Entity, type TreeNode } from 'webvtt-parser';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { decodeText } from './text-decoding';
import { ExtractionFailedError } from '../extraction.errors';

// The character references WebVTT defines. webvtt-parser 2.2.0 looks a reference up with its `;` but ships
// its table without one (`&amp;` became `&;`), so both spellings are given.
const REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', lrm: '\u200e', rlm: '\u200f', nbsp: '\u00a0' };
const ENTITIES = Object.fromEntries(
  Object.entries(REFERENCES).flatMap(([name, value]) => [
    [`&${name}`, value],
    [`&${name};`, value],
  ]),
) as Record<Entity, string>;

/**
 * A WebVTT transcript or subtitle file as what was said: one line per cue, without timings, cue settings or
 * styling, each speaker's name (a `<v Name>` span) written once where the speaker changes.
 */
export class WebvttExtractor implements Extractor {
  readonly name = 'webvtt';
  readonly mediaTypes = ['text/vtt'] as const;

  async extract({ bytes, charset, text }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    const { cues, errors } = new WebVTTParser(ENTITIES).parse(decodeText(bytes, charset), 'subtitles');
    // The parser reports recoverable faults per cue and keeps going; only a file it could not read at all is refused.
    if (cues.length === 0 && errors.length > 0) {
      throw new ExtractionFailedError(
        'corrupt_file',
        `This WebVTT file has no cue that can be read (${errors[0].message}, line ${errors[0].line}); check it in a subtitle editor and upload it again.`,
      );
    }
    const lines: string[] = [];
    let speaker: string | undefined;
    for (const cue of cues) {
      const said = spoken(cue.tree.children).replace(/\s+/g, ' ').trim();
      if (said === '') continue;
      const voice = voiceOf(cue.tree.children);
      lines.push(voice !== undefined && voice !== speaker ? `${voice}: ${said}` : said);
      speaker = voice ?? speaker;
    }
    return [{ text: text.spend(lines.join('\n')), ocr: false }];
  }
}

function spoken(nodes: readonly TreeNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return node.value;
      if (node.type === 'timestamp') return '';
      // Ruby text (`rt`) annotates the base text with its reading; the base text is what was said.
      return spoken(node.children.filter((child) => child.type !== 'object' || (child.name as string) !== 'rt') as TreeNode[]);
    })
    .join('');
}

function voiceOf(nodes: readonly TreeNode[]): string | undefined {
  for (const node of nodes) {
    if (node.type === 'object' && node.name === 'v' && node.value.trim() !== '') return node.value.trim();
  }
  return undefined;
}
