import type { ApiClient } from '../api-client';
import { EXIT } from '../exit-codes';
import type { Values } from '../options';

const PAGE_SIZE = 100;

/**
 * `docpipe export [--status] [--type] [--tag]`: every matching document, with its fields, as one JSON line each on
 * stdout (pipe it to a file or to jq). Pages through the list, then reads each document's full view.
 */
export async function exportDocuments(api: ApiClient, _positionals: string[], values: Values): Promise<number> {
  const filters = new URLSearchParams({ size: String(PAGE_SIZE) });
  for (const name of ['status', 'type', 'tag'] as const) if (values[name]) filters.set(name, String(values[name]));
  let exported = 0;
  for (let page = 1; ; page++) {
    filters.set('page', String(page));
    const { items } = await api.get<{ items: Array<{ id: string }> }>(`/api/v1/documents?${filters}`);
    const views = await Promise.all(items.map((document) => api.get<object>(`/api/v1/documents/${document.id}`)));
    for (const view of views) process.stdout.write(`${JSON.stringify(view)}\n`);
    exported += views.length;
    if (items.length < PAGE_SIZE) break;
  }
  process.stderr.write(`Exported ${exported} document${exported === 1 ? '' : 's'}.\n`);
  return EXIT.ok;
}
