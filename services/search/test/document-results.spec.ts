import type { ChunkHit } from '@docpipe/search-index';
import { facetsOf, groupByDocument, rankedDocuments } from '../src/document-results';

function hit(documentId: string, ordinal: number, score: number, overrides: Partial<ChunkHit> = {}) {
  const chunk: ChunkHit = {
    chunkId: `${documentId}:${ordinal}`,
    tenantId: 't',
    documentId,
    ordinal,
    page: ordinal + 1,
    text: `chunk ${ordinal} of ${documentId} about rent`,
    documentType: 'contract',
    tags: ['legal'],
    fileName: `${documentId}.pdf`,
    createdAt: '2024-01-01T00:00:00.000Z',
    score,
    ...overrides,
  };
  return { chunk, score };
}

describe('groupByDocument', () => {
  it('ranks documents by their best chunk and shows their best chunks, page and marked snippet, as highlights', () => {
    const documents = groupByDocument(
      [hit('a', 0, 0.2), hit('b', 0, 0.9), hit('a', 1, 0.5), hit('a', 2, 0.4), hit('a', 3, 0.1)],
      ['rent'],
      2,
    );

    expect(documents).toEqual([
      {
        documentId: 'b',
        score: 0.9,
        fileName: 'b.pdf',
        documentType: 'contract',
        tags: ['legal'],
        highlights: [{ page: 1, snippet: 'chunk 0 of b about <mark>rent</mark>', score: 0.9 }],
      },
      {
        documentId: 'a',
        score: 0.5,
        fileName: 'a.pdf',
        documentType: 'contract',
        tags: ['legal'],
        highlights: [
          { page: 2, snippet: 'chunk 1 of a about <mark>rent</mark>', score: 0.5 },
          { page: 3, snippet: 'chunk 2 of a about <mark>rent</mark>', score: 0.4 },
        ],
      },
    ]);
  });

  it('answers no documents for no chunks', () => {
    expect(groupByDocument([], ['x'], 3)).toEqual([]);
  });
});

describe('rankedDocuments', () => {
  it('answers the first n documents in the order groupByDocument ranks them, ties in the order given', () => {
    const chunks = [hit('a', 0, 0.2), hit('b', 0, 0.9), hit('c', 0, 0.5), hit('a', 1, 0.5), hit('d', 0, 0.1)];

    expect(rankedDocuments(chunks, 3)).toEqual(['b', 'c', 'a']);
    expect(rankedDocuments(chunks, 10)).toEqual(groupByDocument(chunks, [], 1).map((document) => document.documentId));
  });
});

describe('facetsOf', () => {
  it('counts documents per type and per tag, most frequent first, leaving out untyped documents', () => {
    const documents = groupByDocument(
      [
        hit('a', 0, 3, { documentType: 'invoice', tags: ['q1', 'paid'] }),
        hit('b', 0, 2, { documentType: 'invoice', tags: ['q1'] }),
        hit('c', 0, 1, { documentType: null, tags: [] }),
        hit('d', 0, 1, { documentType: 'letter', tags: ['q1'] }),
      ],
      [],
      1,
    );
    expect(facetsOf(documents)).toEqual({
      documentType: [
        { value: 'invoice', count: 2 },
        { value: 'letter', count: 1 },
      ],
      tag: [
        { value: 'q1', count: 3 },
        { value: 'paid', count: 1 },
      ],
    });
  });
});
