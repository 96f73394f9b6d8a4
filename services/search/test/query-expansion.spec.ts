import { QueryExpansion } from '../src/query-expansion';

describe('query expansion from WordNet', () => {
  const expansion = new QueryExpansion();

  it('bridges a word to its synonyms: a fax machine finds a facsimile', () => {
    expect(expansion.expand('fax machine')).toContain('facsimile');
    expect(expansion.expand('drugstore receipt')).toEqual(expect.arrayContaining(['pharmacy', "chemist's"]));
  });

  it('adds the broader word of a noun: an automobile is a motor vehicle', () => {
    expect(expansion.expand('automobile')).toEqual(expect.arrayContaining(['car', 'motor', 'vehicle']));
  });

  it('never repeats the query’s own words and adds at most 12', () => {
    const terms = expansion.expand('car automobile invoice bill total sum plumber faucet');
    expect(terms).not.toContain('car');
    expect(terms).not.toContain('bill');
    expect(terms.length).toBeLessThanOrEqual(12);
  });

  it('adds nothing for words WordNet does not know, names and numbers', () => {
    expect(expansion.expand('Okafor 4410 xqzv')).toEqual([]);
  });
});
