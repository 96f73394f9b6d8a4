import type { SentenceSpan } from './sentences';

/**
 * Where a quote stands word for word in a text, line breaks and runs of spaces aside; null when it does not
 * (a model that paraphrased or invented). The first occurrence.
 */
export function locateQuote(text: string, quote: string): SentenceSpan | null {
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
  const match = pattern.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}
