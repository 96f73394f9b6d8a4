import { splitSentences } from '../src/answers/sentences';

const sentencesOf = (text: string) => splitSentences(text).map(({ start, end }) => text.slice(start, end));

describe('splitting a passage into sentences', () => {
  it('splits prose at sentence ends but not at abbreviations (Inc., Dr.) or decimal numbers', () => {
    expect(sentencesOf('Northwind Supplies Inc. billed 1,250.50 EUR on 5 January. Dr. Smith approved it! Was it paid?')).toEqual([
      'Northwind Supplies Inc. billed 1,250.50 EUR on 5 January.',
      'Dr. Smith approved it!',
      'Was it paid?',
    ]);
  });

  it('keeps each field line of a form apart, and joins prose wrapped across lines', () => {
    const text =
      'INVOICE\nTotal due: EUR 4,284.00\nPayment terms: 30 days\n\nThe goods remain our property until\nthe invoice is paid in full.';
    expect(sentencesOf(text)).toEqual([
      'INVOICE',
      'Total due: EUR 4,284.00',
      'Payment terms: 30 days',
      'The goods remain our property until\nthe invoice is paid in full.',
    ]);
  });

  it('takes each row of a Markdown table for a sentence without its outer pipes, read with its column names', () => {
    const text = 'Rates 2025\n| Room | Rate \\| night |\n| --- | --- |\n| Single | 80 EUR. Breakfast included |\n| | |\nlater text.';
    const spans = splitSentences(text);
    expect(spans.map(({ start, end }) => text.slice(start, end))).toEqual([
      'Rates 2025',
      'Single | 80 EUR. Breakfast included',
      'later text.',
    ]);
    expect(spans[1].reading).toBe('Room: Single; Rate | night: 80 EUR. Breakfast included');
    expect(spans[0].reading).toBeUndefined();
  });

  it('reads a row without its header in the passage by its cells alone', () => {
    const [row] = splitSentences('| Double | 120 EUR |');
    expect(row).toEqual({ start: 2, end: 18, reading: 'Double; 120 EUR' });
  });

  it('gives ranges of the text itself, without surrounding space, and skips lines without a word', () => {
    const text = '  ----  \n   Signed in Lisbon.   ';
    expect(splitSentences(text)).toEqual([{ start: 12, end: 29 }]);
    expect(text.slice(12, 29)).toBe('Signed in Lisbon.');
  });

  it('cuts a run of more than 400 characters without a sentence end at word boundaries', () => {
    const text = Array.from({ length: 120 }, (_, i) => `item${i}`).join(' ');
    const parts = sentencesOf(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= 400 && /^item\d+.*item\d+$/.test(part))).toBe(true);
    expect(parts.join(' ')).toBe(text);
  });
});
