import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@docpipe/platform';
import { lanceAnnSettings } from '../../src/create-search-index';
import type { LanceAnnSettings } from '../../src/lance.index';
import { searchIndexConfigSchema } from '../../src/search-index.config';
import type { IndexedChunk } from '../../src/search-index';

export const DIMENSIONS = 8;

/** A unit vector along the given axes: chunks on the same axis are near, on other axes far. */
export function axis(...axes: number[]): Float32Array {
  const vector = new Float32Array(DIMENSIONS);
  for (const index of axes) vector[index] = 1;
  const norm = Math.sqrt(axes.length);
  return vector.map((value) => value / norm);
}

export function chunk(
  overrides: Partial<IndexedChunk> & Pick<IndexedChunk, 'tenantId' | 'documentId' | 'text'>,
  ordinal = 0,
): IndexedChunk {
  return {
    chunkId: `${overrides.documentId}:${ordinal}`,
    ordinal,
    page: 1,
    vector: axis(0),
    documentType: 'invoice',
    tags: [],
    fileName: `${overrides.documentId}.pdf`,
    createdAt: '2024-03-01T10:00:00.000Z',
    pipeline: { extractor: 'test-extractor@1', chunker: 'test-chunker@1', embedder: 'test-embedder@1' },
    ...overrides,
  };
}

export function temporaryDirectory(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'lance-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const silentLogger = createLogger({ service: 'search-index-test', level: 'silent' });

/** The ANN settings of the defaults (LANCE_* unset), with the ANN index built from `minRows` vectors. */
export function annSettings(minRows: number): LanceAnnSettings {
  return { ...lanceAnnSettings(searchIndexConfigSchema.parse({})), minRows };
}
