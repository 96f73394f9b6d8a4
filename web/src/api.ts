import type {
  ApiKeyView,
  AskQuestion,
  DocumentListFacets,
  DocumentSummary,
  DocumentView,
  ExtractedText,
  PipelineView,
  ReadIndexStatus,
  ResponseOf,
  SessionView,
  SearchDocuments,
  FindSimilarDocuments,
  Stalled,
  TimelineEntry,
  WebhookDeliveryView,
  WebhookEventType,
  WebhookView,
} from '@docpipe/contracts';
import { dayInstant, type ListFilters } from './list-filters';

export type {
  ApiKeyView,
  DocumentListFacets,
  DocumentSummary,
  DocumentView,
  ExtractedText,
  SessionView,
  Stalled,
  TimelineEntry,
  WebhookDeliveryView,
  WebhookEventType,
  WebhookView,
};
export type SearchResult = ResponseOf<typeof SearchDocuments>;
export type SearchHit = SearchResult['hits'][number];
export type SimilarResult = ResponseOf<typeof FindSimilarDocuments>;
export type Answer = ResponseOf<typeof AskQuestion>;
export type ApiKeyScope = ApiKeyView['scopes'][number];
/** What registering a webhook takes, and answers: its view with the signing secret, this once. */
export interface NewWebhook {
  url: string;
  eventTypes: WebhookEventType[];
  description: string;
}
export type RegisteredWebhook = WebhookView & { secret: string };
/** What creating or rotating a key answers: its view, and the key itself, this once. */
export type IssuedApiKey = ApiKeyView & { key: string };
export interface NewApiKey {
  tenantId: string;
  name: string;
  scopes: ApiKeyScope[];
  expiresAt: string | null;
}
/** What POST /ask takes: the question, and the same filters as search. */
export interface AskRequest {
  question: string;
  filters: { type?: string; tag?: string; from?: string; to?: string };
}
/** What PATCH /documents/:id takes: only what changes; a null title shows the file name again, a null note removes it. */
export interface DocumentEdit {
  title?: string | null;
  tags?: string[];
  type?: string;
  note?: string | null;
}
export interface DocumentPage {
  items: DocumentSummary[];
  total: number;
  page: number;
  size: number;
  /** Counts per status, type and tag, when asked for. */
  facets?: DocumentListFacets;
}

const KEY_STORAGE = 'docpipe.apiKey';
const ADMIN_KEY_STORAGE = 'docpipe.adminKey';

/** Media types a browser shows without running anything in them. */
const INERT_TYPES = /^(text\/plain|image\/(png|jpeg|gif|webp|tiff|bmp))(;|$)/i;

/** Kept for the browser tab's session (it survives reloads, not the tab): signing out or closing the tab forgets it. */
export const apiKey = {
  get: (): string => sessionStorage.getItem(KEY_STORAGE) ?? '',
  set: (key: string): void => sessionStorage.setItem(KEY_STORAGE, key.trim()),
  clear: (): void => sessionStorage.removeItem(KEY_STORAGE),
};

/** Dispatched on window when the gateway refuses the session's key (revoked or changed): the app asks to sign in again. */
export const KEY_REFUSED_EVENT = 'docpipe:key-refused';

export function keyRefused(): void {
  apiKey.clear();
  window.dispatchEvent(new Event(KEY_REFUSED_EVENT));
}

/** Dispatched on window when the admin key is kept or forgotten: the header shows or hides the operators' pages. */
export const ADMIN_KEY_EVENT = 'docpipe:admin-key';

/**
 * An operator's key (ADMIN_API_KEYS) for the Pipeline and Keys pages, kept apart from the tenant's key. Kept only
 * once the gateway accepted it, and forgotten when it refuses it or on sign-out: holding one is what shows those pages.
 */
export const adminKey = {
  get: (): string => sessionStorage.getItem(ADMIN_KEY_STORAGE) ?? '',
  set: (key: string): void => {
    sessionStorage.setItem(ADMIN_KEY_STORAGE, key.trim());
    window.dispatchEvent(new Event(ADMIN_KEY_EVENT));
  },
  clear: (): void => {
    sessionStorage.removeItem(ADMIN_KEY_STORAGE);
    window.dispatchEvent(new Event(ADMIN_KEY_EVENT));
  },
};

export type Pipeline = PipelineView;
export type PipelineQueue = PipelineView['queues'][number];

/** A message a queue's consumer gave up on, as the gateway's dead-letter API reports it. */
export interface DeadLetter {
  messageId: string | null;
  type: string | null;
  tenantId: string | null;
  documentId: string | null;
  originalRoutingKey: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  attempts: number | null;
  firstFailureAt: string | null;
  lastFailureAt: string | null;
}

export interface DeadLetterQueue {
  queue: string;
  count: number;
  messages: DeadLetter[];
}

/** The search index as indexing reports it (a type only: the contract's zod schema stays out of the bundle). */
export type SearchIndexStatus = ResponseOf<typeof ReadIndexStatus>;

/** An API error as the gateway answers it: `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a person can do about a refused key: the raw 401/403 says nothing about where the key comes from. */
export function describeFailure(cause: unknown): string {
  if (cause instanceof ApiError && cause.status === 401)
    return 'This API key was refused: check it, or ask your administrator for a valid one.';
  return (cause as Error).message;
}

/** Why an admin key was refused: a tenant's key (403) or no key the gateway knows at all (401). */
export function describeAdminFailure(cause: unknown): string {
  if (cause instanceof ApiError && cause.status === 403)
    return 'This key is not an admin key: the Pipeline and Keys pages need one of the gateway’s ADMIN_API_KEYS.';
  if (cause instanceof ApiError && cause.status === 401)
    return 'This admin key was refused: it is not one of the gateway’s ADMIN_API_KEYS.';
  return (cause as Error).message;
}

function authHeaders(): Record<string, string> {
  return { authorization: `Bearer ${apiKey.get()}` };
}

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string };
  } | null;
  return new ApiError(response.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `The server answered ${response.status}`);
}

async function request<T>(method: string, path: string, key = apiKey.get(), body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && key && key === apiKey.get()) keyRefused();
  if ((response.status === 401 || response.status === 403) && key && key === adminKey.get()) adminKey.clear();
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  return search.toString();
}

/** Who the gateway takes the key for (GET /api/v1/me): 401 when it does not know the key. */
const me = (key: string) => request<SessionView>('GET', '/api/v1/me', key);

export const api = {
  /** Who the key is, refused (403) when it cannot read a tenant's documents: the key a person signs in with. */
  async session(key: string): Promise<SessionView> {
    const session = await me(key);
    if (session.scopes.includes('read')) return session;
    throw new ApiError(
      403,
      'forbidden',
      'This key cannot read documents (is it an admin key?): sign in with your tenant’s key, and add the admin key below it.',
    );
  },
  /** Who the key is, refused (403) when it does not open the installation's admin routes: the operators' key. */
  async adminSession(key: string): Promise<SessionView> {
    const session = await me(key);
    if (session.admin) return session;
    throw new ApiError(403, 'forbidden', 'This key does not open the admin routes.');
  },
  /** A page of the list; with `facets`, also its counts per status, type and tag (three more queries on the server). */
  list: (filters: ListFilters & { facets?: true }) =>
    request<DocumentPage>(
      'GET',
      `/api/v1/documents?${query({ ...filters, facets: filters.facets && 'true', from: dayInstant(filters.from, false), to: dayInstant(filters.to, true) })}`,
    ),
  get: (id: string) => request<DocumentView>('GET', `/api/v1/documents/${id}`),
  text: (id: string) => request<ExtractedText>('GET', `/api/v1/documents/${id}/text`),
  timeline: (id: string) => request<{ entries: TimelineEntry[] }>('GET', `/api/v1/documents/${id}/timeline`),
  similar: (id: string) => request<SimilarResult>('GET', `/api/v1/documents/${id}/similar?size=5`),
  remove: (id: string) => request<unknown>('DELETE', `/api/v1/documents/${id}`),
  reprocess: (id: string) => request<unknown>('POST', `/api/v1/documents/${id}/reprocess`),
  cancel: (id: string) => request<DocumentView>('POST', `/api/v1/documents/${id}/cancel`),
  /** The user's title, tags and/or type; a new type is learned by classification for the tenant's next documents. */
  edit: (id: string, changes: DocumentEdit) => request<DocumentView>('PATCH', `/api/v1/documents/${id}`, apiKey.get(), changes),
  search: (params: Record<string, string | number | undefined>) => request<SearchResult>('GET', `/api/v1/search?${query(params)}`),
  ask: (body: AskRequest) => request<Answer>('POST', '/api/v1/ask', apiKey.get(), body),
  pipeline: () => request<Pipeline>('GET', '/api/v1/admin/pipeline', adminKey.get()),
  /** Every queue's dead letters, the oldest `limit` of each listed. */
  deadLetters: (limit: number) =>
    request<{ queues: DeadLetterQueue[] }>('GET', `/api/v1/admin/dead-letters?limit=${limit}`, adminKey.get()),
  /** Sends a queue's dead letters back to it: all of them, or only those with these message ids. */
  redrive: (queue: string, messageIds?: string[]) =>
    request<{ redriven: number; remaining: number }>(
      'POST',
      `/api/v1/admin/dead-letters/${queue}/redrive`,
      adminKey.get(),
      messageIds ? { messageIds } : undefined,
    ),
  apiKeys: {
    list: () => request<{ items: ApiKeyView[] }>('GET', '/api/v1/admin/api-keys', adminKey.get()),
    create: (key: NewApiKey) => request<IssuedApiKey>('POST', '/api/v1/admin/api-keys', adminKey.get(), key),
    revoke: (keyId: string) => request<ApiKeyView>('DELETE', `/api/v1/admin/api-keys/${keyId}`, adminKey.get()),
    rotate: (keyId: string) => request<IssuedApiKey>('POST', `/api/v1/admin/api-keys/${keyId}/rotate`, adminKey.get()),
  },
  /** The signed-in tenant's webhooks: its key needs the admin scope. */
  webhooks: {
    list: () => request<{ items: WebhookView[] }>('GET', '/api/v1/webhooks'),
    register: (webhook: NewWebhook) => request<RegisteredWebhook>('POST', '/api/v1/webhooks', apiKey.get(), webhook),
    remove: (endpointId: string) => request<WebhookView>('DELETE', `/api/v1/webhooks/${endpointId}`),
    enable: (endpointId: string) => request<WebhookView>('POST', `/api/v1/webhooks/${endpointId}/enable`),
    deliveries: (endpointId: string) =>
      request<{ items: WebhookDeliveryView[] }>('GET', `/api/v1/webhooks/${endpointId}/deliveries?limit=50`),
    redeliver: (endpointId: string, deliveryId: string) =>
      request<WebhookDeliveryView>('POST', `/api/v1/webhooks/${endpointId}/deliveries/${deliveryId}/redeliver`),
  },
  /** An image the gateway draws (thumbnail, page preview), fetched with the key. */
  async image(path: string): Promise<Blob> {
    const response = await fetch(path, { headers: authHeaders() });
    if (!response.ok) throw await failure(response);
    return response.blob();
  },
  /**
   * The original's bytes with auth (a plain link cannot send the key), as an object URL the caller revokes.
   * An object URL shares the UI's origin, so only plain text and raster images keep their type; anything a browser
   * would run (HTML, SVG, PDF with its scripts) becomes opaque bytes, which a browser saves instead of rendering.
   */
  async original(id: string): Promise<string> {
    const response = await fetch(`/api/v1/documents/${id}/download`, { headers: authHeaders() });
    if (!response.ok) throw await failure(response);
    const bytes = await response.blob();
    const inert = INERT_TYPES.test(bytes.type) ? bytes.type : 'application/octet-stream';
    return URL.createObjectURL(new Blob([bytes], { type: inert }));
  },
};

export interface UploadOutcome {
  documents: Array<{
    fileName: string;
    id?: string;
    status?: string;
    duplicateOf?: string;
    error?: { code: string; message: string };
  }>;
  error?: { code: string; message: string };
}

/** One file per request, through XMLHttpRequest: fetch cannot report upload progress. */
export function uploadFile(file: File, tags: string, onProgress: (fraction: number) => void): Promise<UploadOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/documents');
    xhr.setRequestHeader('authorization', `Bearer ${apiKey.get()}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload did not reach the server'));
    xhr.onload = () => {
      const body = xhr.response as UploadOutcome | null;
      if (xhr.status === 401) keyRefused();
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body);
      const error = body?.error ?? body?.documents?.[0]?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${xhr.status}`));
    };
    const form = new FormData();
    // Fields before the file: the gateway streams the file to the store as it arrives, with the tags already read.
    if (tags.trim()) form.append('tags', tags);
    form.append('files', file, file.name);
    xhr.send(form);
  });
}
