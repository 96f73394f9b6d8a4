import { matchesOf, type EntityMatch } from './entity-match';

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  januar: 1,
  jänner: 1,
  february: 2,
  feb: 2,
  februar: 2,
  march: 3,
  mar: 3,
  märz: 3,
  maerz: 3,
  mrz: 3,
  april: 4,
  apr: 4,
  may: 5,
  mai: 5,
  june: 6,
  jun: 6,
  juni: 6,
  july: 7,
  jul: 7,
  juli: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  dezember: 12,
  dez: 12,
};
// Longest first, so "march" wins over "mar".
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const ORDINAL = '(?:st|nd|rd|th)?';
const NOT_AFTER = '(?<![\\p{L}\\p{N}])';
const NOT_BEFORE = '(?![\\p{L}\\p{N}])';

interface DatePattern {
  regex: RegExp;
  /** Year, month, day from the match; undefined when the parts make no date. */
  parts(match: RegExpExecArray): [number, number, number] | undefined;
}

const patterns: DatePattern[] = [
  {
    // 2024-03-12, 2024/3/12, 2024.03.12 (and the date part of 2024-03-12T10:00)
    regex: new RegExp(`${NOT_AFTER}(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?![\\p{N}])`, 'gu'),
    parts: (m) => [Number(m[1]), Number(m[3]), Number(m[4])],
  },
  {
    // 12/03/2024, 12.03.2024, 12-03-2024: day first unless that is impossible (03/25/2024)
    regex: new RegExp(`${NOT_AFTER}(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})(?![\\p{N}])`, 'gu'),
    parts: (m) => {
      const [first, second, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
      return first <= 12 && second > 12 && m[2] !== '.' ? [year, first, second] : [year, second, first];
    },
  },
  {
    // 3 March 2024, 3rd of March, 2024, 3. März 2024, 03 Mar 2024
    regex: new RegExp(`${NOT_AFTER}(\\d{1,2})${ORDINAL}\\.?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})${NOT_BEFORE}`, 'giu'),
    parts: (m) => [Number(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1])],
  },
  {
    // March 3, 2024, Mar 3rd 2024
    regex: new RegExp(`${NOT_AFTER}${MONTH}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})${NOT_BEFORE}`, 'giu'),
    parts: (m) => [Number(m[3]), MONTHS[m[1].toLowerCase()], Number(m[2])],
  },
];

/** Calendar dates in ISO, numeric and written forms; the value is the ISO date (YYYY-MM-DD). */
export function findDates(text: string): EntityMatch[] {
  return patterns.flatMap(({ regex, parts }) =>
    [...matchesOf(regex, text)].flatMap((match) => {
      const value = isoDate(parts(match));
      if (!value) return [];
      return [{ kind: 'date' as const, text: match[0], value, start: match.index, end: match.index + match[0].length }];
    }),
  );
}

function isoDate(parts: [number, number, number] | undefined): string | undefined {
  if (!parts) return undefined;
  const [year, month, day] = parts;
  if (year < 1000 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
