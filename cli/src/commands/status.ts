import type { ApiClient } from '../api-client';
import { EXIT } from '../exit-codes';
import type { DocumentOutcome } from '../follow-documents';
import type { Values } from '../options';

interface StageView {
  stage: string;
  status: string;
  durationMs: number | null;
  error: string | null;
}

type DocumentView = DocumentOutcome & { stages: StageView[] };

/** `docpipe status [id]...`: each document's status and stages; without ids, the 20 newest documents. */
export async function status(api: ApiClient, ids: string[], values: Values): Promise<number> {
  if (ids.length === 0) {
    const { items } = await api.get<{ items: DocumentOutcome[] }>('/api/v1/documents?size=20');
    for (const document of items) print(document, values);
    return EXIT.ok;
  }
  const views = await Promise.all(ids.map((id) => api.get<DocumentView>(`/api/v1/documents/${encodeURIComponent(id)}`)));
  for (const view of views) print(view, values);
  return views.some((view) => view.status === 'failed' || view.status === 'rejected') ? EXIT.documentFailed : EXIT.ok;
}

function print(document: DocumentOutcome & { stages?: StageView[] }, values: Values): void {
  if (values.json) {
    process.stdout.write(`${JSON.stringify(document)}\n`);
    return;
  }
  const type = document.documentType ? `${document.documentType} ${(document.confidence ?? 0).toFixed(2)}` : '-';
  process.stdout.write(`${document.status}\t${type}\t${document.id}\t${document.fileName}\n`);
  for (const stage of document.stages ?? []) {
    const took = stage.durationMs === null ? '' : ` ${stage.durationMs} ms`;
    process.stdout.write(`  ${stage.stage}: ${stage.status}${took}${stage.error ? ` (${stage.error})` : ''}\n`);
  }
}
