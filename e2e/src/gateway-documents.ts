import type { DocumentView } from '@docpipe/contracts';

/** Uploads text files through the gateway with one tenant's key; answers their document ids, in order. */
export async function uploadTexts(gatewayUrl: string, key: string, files: Array<[name: string, text: string]>): Promise<string[]> {
  const form = new FormData();
  for (const [name, text] of files) form.append('files', new Blob([text], { type: 'text/plain' }), name);
  const response = await fetch(`${gatewayUrl}/api/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  if (response.status !== 202) throw new Error(`The upload answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { documents: Array<{ id: string }> }).documents.map((document) => document.id);
}

/** A document's view once it is done (indexed, failed, …), long-polling the gateway; its view as it stands after 150 s. */
export async function waitUntilDone(gatewayUrl: string, key: string, id: string): Promise<DocumentView> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    const response = await fetch(`${gatewayUrl}/api/v1/documents/${id}/wait?timeout=30`, { headers: { authorization: `Bearer ${key}` } });
    const view = (await response.json()) as DocumentView;
    if (response.status === 200 || Date.now() > deadline) return view;
  }
}
