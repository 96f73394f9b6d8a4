import { spanOf, type Field, type FieldSource, type Line } from './field';

/** The first line of the first page that reads as a heading or a name, skipping lines that match `skip`. */
export function firstHeading(source: FieldSource, skip: RegExp, within = 6): Field | undefined {
  const candidates = source.lines.filter((line) => line.page === source.document.pages[0]?.number).slice(0, within);
  const line = candidates.find((candidate) => isHeading(candidate) && !skip.test(candidate.text));
  return line ? spanOf(line, 0) : undefined;
}

function isHeading(line: Line): boolean {
  const text = line.text.trim();
  return text.length >= 3 && text.length <= 120 && /\p{L}{2}/u.test(text) && !/^[\W\d]/u.test(text);
}
