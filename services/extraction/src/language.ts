import { detect } from 'tinyld';

/** Below this many letters any guess is noise ("Invoice No. INV-2024-001" reads as Romanian). */
const MIN_LETTERS = 30;
/** Enough text to recognise a language; detection cost grows with length. */
const SAMPLE_CHARS = 20_000;

/** ISO 639-1 code of the text's main language, or null when the text is too short to tell. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return null;
  const language = detect(sample);
  return /^[a-z]{2}$/.test(language) ? language : null;
}
