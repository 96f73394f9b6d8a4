import type { z } from 'zod';
import type { askCitationSchema, askPassageSchema } from '@docpipe/contracts';
import { withoutTableRules } from '../table-text';
import type { AnswerSentence, Passage } from './answerer';

// Characters of the passage shown on each side of the cited sentence.
const CONTEXT = 80;

export function passageView({ chunk, score }: Passage): z.infer<typeof askPassageSchema> {
  return { id: chunk.chunkId, documentId: chunk.documentId, fileName: chunk.fileName, page: chunk.page, text: chunk.text, score };
}

/** Where the sentence stands: its passage, document, page and character range, and a snippet with it marked. */
export function citationOf({ passage, start, end }: AnswerSentence): z.infer<typeof askCitationSchema> {
  const { chunk } = passage;
  // A table's `| --- |` rules blanked (offsets unchanged): the snippet shows rows, not rules.
  const text = withoutTableRules(chunk.text);
  const before = Math.max(0, start - CONTEXT);
  const after = Math.min(text.length, end + CONTEXT);
  const snippet = [
    before > 0 ? '…' : '',
    escapeHtml(text.slice(before, start)),
    `<mark>${escapeHtml(text.slice(start, end))}</mark>`,
    escapeHtml(text.slice(end, after)),
    after < text.length ? '…' : '',
  ]
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return { passageId: chunk.chunkId, documentId: chunk.documentId, fileName: chunk.fileName, page: chunk.page, start, end, snippet };
}

/** The sentence as it stands in the passage, its line breaks and runs of spaces read as one space. */
export function quoted({ passage, start, end }: AnswerSentence): string {
  return passage.chunk.text.slice(start, end).replace(/\s+/g, ' ').trim();
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
