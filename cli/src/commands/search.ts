import type { ApiClient } from '../api-client';
import { EXIT, usageError } from '../exit-codes';
import { positiveInt, type Values } from '../options';

interface SearchHit {
  documentId: string;
  score: number;
  fileName: string;
  documentType: string | null;
  highlights: Array<{ page: number | null; snippet: string }>;
}

/** `docpipe search <query>... [--mode] [--type] [--tag] [--size]`: one line per document, best first. */
export async function search(api: ApiClient, words: string[], values: Values): Promise<number> {
  const q = words.join(' ').trim();
  if (!q) throw usageError('search takes a query, e.g. docpipe search "unpaid invoices from March"');
  const query = new URLSearchParams({ q, mode: String(values.mode), size: String(positiveInt(values.size, '--size')) });
  if (values.type) query.set('type', String(values.type));
  if (values.tag) query.set('tag', String(values.tag));
  const { hits } = await api.get<{ hits: SearchHit[] }>(`/api/v1/search?${query}`);
  for (const hit of hits) {
    if (values.json) {
      process.stdout.write(`${JSON.stringify(hit)}\n`);
      continue;
    }
    const best = hit.highlights[0];
    const where = best?.page ? ` p.${best.page}` : '';
    const snippet = best ? `  ${best.snippet.replace(/\s+/g, ' ').slice(0, 160)}` : '';
    process.stdout.write(`${hit.score.toFixed(3)}\t${hit.documentType ?? '-'}\t${hit.documentId}\t${hit.fileName}${where}${snippet}\n`);
  }
  if (hits.length === 0 && !values.json) process.stderr.write('No documents match.\n');
  return EXIT.ok;
}
