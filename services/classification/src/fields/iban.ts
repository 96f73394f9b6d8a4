import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { spanOf, type Field, type Line } from './field';

const IBAN_LABEL = /\biban\b\s*(?:n[°o]\.?|nr\.?|no\.?)?\s*[:.]?\s*/i;
// Country and check digits (`BE 41`, `DE12…`), then the account in groups of any size up to a word without digits (`BIC`).
const IBAN_START = /^[A-Z]{2}\s?\d{2}/;
const GROUP = /^\s?[A-Z0-9]*\d[A-Z0-9]*/;

/**
 * The account written after an `IBAN` label where the shared detector found no valid IBAN: `BE 41 7360 …`
 * with a space after the country, or a sample's made-up IBAN that fails mod-97. What the document prints
 * as its IBAN is its IBAN; a valid checksum makes it surer, and the longest valid reading wins.
 */
export function labelledIban(lines: readonly Line[]): Field | undefined {
  for (const line of lines) {
    const label = IBAN_LABEL.exec(line.text);
    if (!label) continue;
    const from = label.index + label[0].length;
    const start = IBAN_START.exec(line.text.slice(from));
    if (!start) continue;
    const ends = [from + start[0].length];
    for (let group = GROUP.exec(line.text.slice(ends[0])); group; group = GROUP.exec(line.text.slice(ends.at(-1)!)))
      ends.push(ends.at(-1)! + group[0].length);
    const readings = ends
      .map((end) => spanOf(line, from, end))
      .map((span) => span && { span, value: electronicFormatIBAN(span.value) ?? '' })
      .filter((reading) => reading !== undefined && reading.value.length >= 15 && reading.value.length <= 34);
    const valid = readings.filter((reading) => isValidIBAN(reading!.value)).at(-1);
    const chosen = valid ?? readings.at(-1);
    if (chosen) return { ...chosen.span, value: chosen.value, confidence: valid ? 0.9 : 0.6 };
  }
  return undefined;
}
