import { plainLines } from './plain-lines';

/**
 * The shape of the text, whatever its words and language (`l:` tokens): how wide its lines are, how many end in an
 * amount, how much of it is running prose, how much is numbers, how many lines are numbered headings. A till receipt
 * is a narrow column of lines ending in amounts in any language; a transcript or a book is prose; a statistical
 * report is numbers. Vocabulary learned from one source's wording does not carry to the next source; these do.
 */
const AMOUNT_AT_END = /\d[.,]\d{2}(?:\s?(?:€|\$|£|eur|usd|[a-z]{1,2}|\*))?\s*$/iu;
// A heading's first word is capitalised, which tells `2.1 Scope` from an amount and its currency (`12.50 EUR`).
const NUMBERED_HEADING =
  /^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.|§\s?\d+|(?:[Aa]rti[ck]el|[Aa]rticle|[Aa]rtículo|[Ss]ection)\s+\d+)\s+\p{Lu}\p{Ll}/u;
const SENTENCE_END = /[.!?;:»"”)]\s*$/u;
const NUMBER = /^[\d.,:/%€$£+-]+$/u;

export function layoutTokens(text: string): string[] {
  const lines = plainLines(text);
  if (lines.length === 0) return ['l:empty'];
  const widths = lines.map((line) => line.length).sort((a, b) => a - b);
  const wide = widths[Math.floor(widths.length * 0.9)] ?? 0;
  const words = lines.flatMap((line) => line.split(/\s+/));
  const share = (count: number, of: number) => count / Math.max(of, 1);
  // A line of prose: many words, and a sentence ends or runs on into the next line.
  const proseLines = lines.filter((line) => line.split(/\s+/).length >= 8 && (SENTENCE_END.test(line) || /\p{Ll}$/u.test(line)));
  const proseWords = proseLines.reduce((sum, line) => sum + line.split(/\s+/).length, 0);
  return [
    `l:width=${wide < 32 ? '<32' : wide < 48 ? '<48' : wide < 80 ? '<80' : '80+'}`,
    `l:amount-lines=${fraction(share(lines.filter((line) => AMOUNT_AT_END.test(line)).length, lines.length))}`,
    `l:prose=${fraction(share(proseWords, words.length))}`,
    `l:numbers=${fraction(share(words.filter((word) => NUMBER.test(word) && /\d/.test(word)).length, words.length))}`,
    `l:headings=${count(lines.filter((line) => NUMBERED_HEADING.test(line) && line.length < 90).length)}`,
    `l:lines=${lines.length < 15 ? '<15' : lines.length < 40 ? '<40' : lines.length < 120 ? '<120' : '120+'}`,
  ];
}

/** Shares in four bins: none, a little, a fair part, most. */
function fraction(value: number): string {
  if (value === 0) return '0';
  if (value < 0.1) return '<10%';
  if (value < 0.3) return '<30%';
  if (value < 0.6) return '<60%';
  return '60%+';
}

function count(value: number): string {
  if (value <= 1) return String(value);
  if (value < 5) return '2-4';
  return '5+';
}
