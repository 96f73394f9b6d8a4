import { highlightTerms, snippet } from '../src/snippets';

describe('highlightTerms', () => {
  it('keeps the content words of the query, lower-cased, deduplicated and cut to a stem-like prefix', () => {
    expect(highlightTerms('The invoices of the Invoice, and payments!')).toEqual(['invoic', 'invoi', 'paymen']);
  });
});

describe('snippet', () => {
  it('marks every word starting with a query term, whatever its case or ending', () => {
    expect(snippet('Invoice 17: the invoiced amount is due.', highlightTerms('invoices due'))).toBe(
      '<mark>Invoice</mark> 17: the <mark>invoiced</mark> amount is <mark>due</mark>.',
    );
  });

  it("leaves a Markdown table's separator rule out and keeps its rows", () => {
    const table = '| Room | Rate |\n| --- | ---: |\n| Single | 80 EUR |\n| Double | 120 EUR |';
    const result = snippet(table, ['double']);
    expect(result).toContain('| Single | 80 EUR | | <mark>Double</mark> | 120 EUR |');
    expect(result).not.toContain('---');
  });

  it('does not mark a term inside another word', () => {
    expect(snippet('Overdue payment', ['due'])).toBe('Overdue payment');
  });

  it('shows the window around the densest cluster of matches, cut at words, with … where it cut', () => {
    const text = `${'filler '.repeat(40)}the rent is due monthly and the rent rises yearly ${'padding '.repeat(40)}`.trim();
    const result = snippet(text, ['rent', 'due'], 80);

    expect(result.startsWith('…')).toBe(true);
    expect(result.endsWith('…')).toBe(true);
    expect(result).toContain('the <mark>rent</mark> is <mark>due</mark> monthly and the <mark>rent</mark>');
    expect(result.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(82);
    expect(result).toMatch(/^…(filler )*the <mark>rent/);
    expect(result).toMatch(/yearly (padding )*padding…$/);
  });

  it('starts at the beginning of the text when nothing matches (a semantic hit)', () => {
    const text = 'A paraphrase finds this chunk although no word of the query is in it, and it goes on for a while.';
    expect(snippet(text, ['zebra'], 40)).toBe('A paraphrase finds this chunk although…');
    expect(snippet('Short.', [])).toBe('Short.');
  });

  it('escapes HTML in the text, so only its own <mark> tags are markup', () => {
    expect(snippet('<script>alert("x")</script> total & tax', ['total'])).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>total</mark> &amp; tax',
    );
  });

  it('treats regular-expression characters in terms as text', () => {
    expect(snippet('price (net) is c++ friendly', ['c++', '(net'])).toBe('price <mark>(net</mark>) is <mark>c++</mark> friendly');
  });

  it('collapses line breaks and runs of spaces', () => {
    expect(snippet('Heading\n\nBody   text', ['body'])).toBe('Heading <mark>Body</mark> text');
  });
});
