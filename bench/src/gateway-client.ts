import type { DocumentSummary, DocumentView } from '@docpipe/contracts';
import type { Deployment } from './deployment';

export interface Accepted {
  id: string;
  /** performance.now() before the request and when its 202 arrived. */
  sentAt: number;
  acceptedAt: number;
  /** Date.now() before the request, to compare with the server's timestamps. */
  sentAtEpochMs: number;
}

/** The public HTTP API, as a client of one tenant uses it. */
export class GatewayClient {
  private readonly headers: Record<string, string>;

  constructor(private readonly deployment: Deployment) {
    this.headers = { authorization: `Bearer ${deployment.apiKey}` };
  }

  async upload(fileName: string, bytes: Buffer, mediaType: string): Promise<Accepted> {
    const form = new FormData();
    // A copy on its own ArrayBuffer: the DOM typing of Blob (pulled in by pdf.js types) refuses a Buffer's shared one.
    form.append('files', new Blob([Uint8Array.from(bytes)], { type: mediaType }), fileName);
    const sentAtEpochMs = Date.now();
    const sentAt = performance.now();
    const response = await fetch(`${this.deployment.gatewayUrl}/api/v1/documents`, { method: 'POST', headers: this.headers, body: form });
    const acceptedAt = performance.now();
    const body = (await response.json()) as { documents?: Array<{ id?: string; error?: { message: string } }> };
    const id = body.documents?.[0]?.id;
    if (response.status !== 202 || !id) throw new Error(`Upload of ${fileName} answered ${response.status}: ${JSON.stringify(body)}`);
    return { id, sentAt, acceptedAt, sentAtEpochMs };
  }

  async view(id: string): Promise<DocumentView> {
    const response = await fetch(`${this.deployment.gatewayUrl}/api/v1/documents/${id}`, { headers: this.headers });
    if (response.status !== 200) throw new Error(`Reading document ${id} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as DocumentView;
  }

  /** How many of this tenant's documents are in `status`. */
  async count(status: string): Promise<number> {
    return (await this.list(status, 1, 1)).total;
  }

  /** Every document of this tenant in `status`. */
  async all(status: string): Promise<DocumentSummary[]> {
    const documents: DocumentSummary[] = [];
    for (let page = 1; ; page++) {
      const { items, total } = await this.list(status, page, 100);
      documents.push(...items);
      if (items.length === 0 || documents.length >= total) return documents;
    }
  }

  private async list(status: string, page: number, size: number): Promise<{ items: DocumentSummary[]; total: number }> {
    const query = new URLSearchParams({ status, page: String(page), size: String(size) });
    const response = await fetch(`${this.deployment.gatewayUrl}/api/v1/documents?${query}`, { headers: this.headers });
    if (response.status !== 200) throw new Error(`Listing ${status} documents answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { items: DocumentSummary[]; total: number };
  }
}
