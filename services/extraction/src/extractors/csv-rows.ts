import Papa from 'papaparse';

/** Delimiters seen in real exports: comma, semicolon (European spreadsheets), tab and pipe. */
const DELIMITERS = [',', ';', '\t', '|'];

/**
 * RFC 4180 rows by Papa Parse: quoted fields may hold delimiters, doubled quotes and line breaks. The delimiter is
 * the one that splits the first rows most consistently, guessed with blank lines skipped (they would count as rows of
 * one field); the parse itself keeps them, because in a CSV as in a sheet a blank line separates one table from the
 * next. A malformed quote is not fatal: the rest of the field stays text, which is what a reader of a broken export wants.
 */
export function parseCsv(input: string): string[][] {
  const text = input.replace(/^\uFEFF/, '');
  const { delimiter } = Papa.parse<string[]>(text, { delimitersToGuess: DELIMITERS, skipEmptyLines: 'greedy', preview: 20 }).meta;
  return Papa.parse<string[]>(text, { delimiter }).data;
}
