import { createHash } from 'node:crypto';

/**
 * The physical index for one embedder: vectors of two models never share an index, so a new embedder
 * builds a new index beside the old one. Readable name, plus a short hash of the exact version.
 */
export function indexNameFor(prefix: string, embedder: { name: string; version: string }): string {
  const slug = embedder.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  const version = createHash('sha256').update(embedder.version).digest('hex').slice(0, 8);
  return `${prefix}_${slug}_${version}`;
}
