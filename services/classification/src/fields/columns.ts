import type { Field, FieldSource } from './field';

// `Adatum Corporation       CRONUS DE`: two columns of one header (the addressee's and the issuer's), kept apart by a wide gap.
const COLUMN_GAP = /\S\s{3,}\S/;

/**
 * A party read off a line that holds two columns of one header, moved to the column that `prefer` picks among the
 * line's parts (else left as it is): the value may span both columns or sit in the other party's.
 */
export function oneColumn(source: FieldSource, field: Field | undefined, prefer: (parts: string[]) => number): Field | undefined {
  if (!field || field.start === null) return field;
  const line = source.lines.find(
    (candidate) => candidate.page === field.page && candidate.start <= field.start! && field.start! < candidate.end,
  );
  if (!line || !COLUMN_GAP.test(line.text.trim())) return field;
  // A label names its own column (`From: Acme Ltd     To: Fabrikam`), unless the value it gave runs into the next one.
  if (field.confidence >= 0.8 && !COLUMN_GAP.test(field.value)) return field;
  const parts: { text: string; start: number }[] = [];
  for (const match of line.text.matchAll(/\S+(?:\s{1,2}\S+)*/g)) parts.push({ text: match[0], start: line.start + match.index! });
  if (parts.length < 2) return field;
  const chosen = parts[Math.max(0, prefer(parts.map((part) => part.text)))];
  const inChosen = field.start >= chosen.start && field.end! <= chosen.start + chosen.text.length;
  if (inChosen) return field;
  return {
    ...field,
    value: chosen.text,
    start: chosen.start,
    end: chosen.start + chosen.text.length,
    confidence: Math.min(field.confidence, 0.6),
  };
}

/**
 * The issuer's column: the part its own e-mail or web domain spells (`CRONUS DE` beside `info@cronus.com`), else the
 * part the document repeats most (an issuer prints its name again in the footer and bank details; the addressee rarely).
 */
export const issuersColumn =
  (source: FieldSource, domains: readonly string[]) =>
  (parts: string[]): number => {
    const compact = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    const spelt = parts.findIndex((part) => domains.some((domain) => compact(part).startsWith(domain) || domain.startsWith(compact(part))));
    if (spelt >= 0) return spelt;
    const text = source.document.pages.map((page) => page.text.toLowerCase()).join('\n');
    const repeats = parts.map((part) => text.split(part.toLowerCase()).length - 1);
    const most = Math.max(...repeats);
    return repeats.filter((count) => count === most).length === 1 ? repeats.indexOf(most) : 0;
  };

/** The addressee's column: the part that is not the issuer's. */
export const addresseesColumn =
  (issuer: string | undefined) =>
  (parts: string[]): number => {
    if (!issuer) return 0;
    const other = parts.findIndex((part) => part !== issuer && !issuer.includes(part));
    return parts.some((part) => part === issuer) && other >= 0 ? other : 0;
  };
