import * as chrono from 'chrono-node';
import type { EntityMatch } from './entity-match';

/**
 * chrono-node's parsers for the languages our documents come in. British English reads 03/04/2018 day
 * first, as most of the world writes it; a US date (03/25/2018) still reads right because day 25 is
 * no month, and a text whose slashed dates are month first wherever that shows is read month first.
 * Strict parsers: only written calendar dates, never "today" or "next Friday".
 */
const britishStrict = new chrono.Chrono(chrono.en.configuration.createConfiguration(true, true));
const others: readonly chrono.Chrono[] = [chrono.de.strict, chrono.fr.strict, chrono.nl.strict, chrono.es.strict, chrono.it.strict];
const dayFirst: readonly chrono.Chrono[] = [britishStrict, ...others];
const monthFirst: readonly chrono.Chrono[] = [chrono.en.strict, ...others];

// A text that writes 11/17/2017 and never 17/11/2017 writes its 11/03/2017 month first too.
const MONTH_FIRST = /(?<![\d/])(?:0?[1-9]|1[0-2])\/(?:1[3-9]|2\d|3[01])\/(?:\d{4}|\d{2})(?![\d/])/;
const DAY_FIRST = /(?<![\d/])(?:1[3-9]|2\d|3[01])\/(?:0?[1-9]|1[0-2])\/(?:\d{4}|\d{2})(?![\d/])/;

// A US address (`Los Angeles, CA 90018`, `Redmond WA, 98052`): the United States write slashed dates month first.
const US_ADDRESS =
  /\p{L}+,?[ \t]+(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC),?[ \t]+\d{5}(?:-\d{4})?\b/u;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

/** The year must be written (`2024`, or `19` after day and month): "within 7 days" is no calendar date. */
const WRITTEN_YEAR = /\d{4}|\d{1,2}\D{1,3}\d{1,2}\D{1,3}\d{2}/;
const LEADING_WORD = /^(?:(?:on|the|of|am|den|dem|vom|le|du|au|op|van|el|del|de)\s+)+/i;
// `2024-012 01-03-2024` in a row of values: chrono takes the id's last digits into the numeric date after it.
const LEADING_NUMBER = /^\d+[ \t]+(?=\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$)/;

/** Calendar dates with day, month and year in any of those languages; the value is the ISO date (YYYY-MM-DD). */
export function findDates(text: string): EntityMatch[] {
  const found: EntityMatch[] = [];
  const parsers = MONTH_FIRST.test(text) && !DAY_FIRST.test(text) ? monthFirst : dayFirst;
  // A date is written on one line: parsed line by line, chrono cannot join `16.10` and `12-01-19` across a break.
  const results = linesOf(text).flatMap(({ line, offset }) =>
    parsers.flatMap((parser) => parser.parse(line).map((result) => ({ result, offset }))),
  );
  for (const { result, offset } of results) {
    const date = calendarDate(result);
    if (!date || !WRITTEN_YEAR.test(result.text)) continue;
    // chrono keeps a leading preposition ("on 1 April 2024", "am 3. März"): the evidence is the date alone.
    const lead = (LEADING_WORD.exec(result.text) ?? LEADING_NUMBER.exec(result.text))?.[0].length ?? 0;
    const start = offset + result.index + lead;
    const end = offset + result.index + result.text.length;
    const overlapping = found.filter((other) => start < other.end && other.start < end);
    // The longest reading of a span wins: "3. März 2024" over the "3" another language made of it.
    if (overlapping.some((other) => other.end - other.start >= end - start)) continue;
    for (const other of overlapping) found.splice(found.indexOf(other), 1);
    found.push({ kind: 'date', text: result.text.slice(lead), value: date, start, end });
  }
  const monthFirstHere = parsers === monthFirst || (US_ADDRESS.test(text) && !DAY_FIRST.test(text));
  const spaced = spacedDottedDates(text).filter((date) => !found.some((other) => date.start < other.end && other.start < date.end));
  return [...found.map((date) => (monthFirstHere ? readMonthFirst(date) : date)), ...spaced].sort((a, b) => a.start - b.start);
}

// `14. 11. 2018`: German typesetting (LaTeX, DIN 5008) spaces a numeric date, which chrono does not read.
const SPACED_DOTTED = /(?<![\d.])(\d{1,2})\.[ \u00a0\u202f](\d{1,2})\.[ \u00a0\u202f](\d{4})(?![\d.]\d)/g;

/** Spaced day-first dotted dates, day, month and year checked against the calendar. */
function spacedDottedDates(text: string): EntityMatch[] {
  return [...text.matchAll(SPACED_DOTTED)].flatMap((match) => {
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month < 1 || month > 12 || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return [];
    const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return [{ kind: 'date' as const, text: match[0], value, start: match.index, end: match.index + match[0].length }];
  });
}

/** `01/08/2024` as 8 January: only slashed numbers are swapped, a dotted `05.03.2018` is day first everywhere. */
function readMonthFirst(date: EntityMatch): EntityMatch {
  const slashed = SLASHED.exec(date.text.trim());
  if (!slashed) return date;
  const [month, day] = [Number(slashed[1]), Number(slashed[2])];
  const year = slashed[3].length === 2 ? 2000 + Number(slashed[3]) : Number(slashed[3]);
  if (month > 12 || day > 31 || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return date;
  return { ...date, value: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

function linesOf(text: string): { line: string; offset: number }[] {
  let offset = 0;
  return text.split('\n').map((line) => {
    const at = offset;
    offset += line.length + 1;
    return { line, offset: at };
  });
}

function calendarDate(result: chrono.ParsedResult): string | undefined {
  const { start } = result;
  if (!start.isCertain('day') || !start.isCertain('month') || !start.isCertain('year')) return undefined;
  const [year, month, day] = [start.get('year')!, start.get('month')!, start.get('day')!];
  if (year < 1000 || year > 2999) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
