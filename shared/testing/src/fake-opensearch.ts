import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** JSON body parsed; an NDJSON body (bulk) as the array of its lines parsed. */
  body: unknown;
  contentType: string | undefined;
}

type Source = Record<string, unknown>;
/** A hit a test queues: the chunk, its score, and the highlight the cluster would add. */
export interface FakeHit {
  _score: number;
  _source: Source;
  highlight?: Record<string, string[]>;
}

/**
 * Answers the OpenSearch REST calls the index adapter makes, with the status codes and response shapes of
 * OpenSearch's API reference: HEAD /<index> and HEAD /_alias/<name> (200 or 404), GET /_alias/<name>,
 * PUT /<index>, GET and PUT /<index>/_mapping (only `_meta` is kept), POST /_bulk (NDJSON), POST /<indices>/_delete_by_query, POST /<indices>/_update_by_query
 * (scripts of the form `ctx._source.<field> = params.<name>`), POST /<target>/_search,
 * /<target>/_count, POST /_aliases, PUT and GET /_search/pipeline/<id>, points in time (POST /<index>/_search/point_in_time,
 * POST /_search with `pit`, DELETE /_search/point_in_time). It keeps indices, aliases, search pipelines and
 * documents by _id; searches answer the hits and aggregations a test queued (ranking is the cluster's job, not the
 * adapter's), and every request is recorded.
 */
export class FakeOpenSearch {
  readonly requests: RecordedRequest[] = [];
  readonly indices = new Map<string, { body: unknown; docs: Map<string, Source> }>();
  readonly aliases = new Map<string, Set<string>>();
  /** Per-item errors bulks answer with, by _id: `status` 400 unless given, for `times` requests (always when absent). */
  bulkErrors = new Map<string, { type: string; reason: string; status?: number; times?: number }>();
  /** HTTP statuses the next bulk requests are answered with as a whole (e.g. 429), before any is applied. */
  bulkStatuses: number[] = [];
  readonly searchPipelines = new Map<string, unknown>();
  /**
   * When set, PUT /_search/pipeline is refused with this status and reason: 400 for a cluster without the
   * neural-search plugin, 403 for a user without the right to manage pipelines.
   */
  refusePipelines: { status: number; reason: string } | null = null;
  /**
   * When set, creating a point in time is refused with this status and reason: 400 for a cluster before 2.4 (no such
   * endpoint), 403 for a user without `indices:data/read/point_in_time/create`.
   */
  refusePointsInTime: { status: number; reason: string } | null = null;
  /** Open points in time: the documents of their indices as they were when it was created, by id. */
  readonly pointsInTime = new Map<string, Source[]>();
  /** Runs on each request once recorded, before it is answered: lets a test change the index between two requests. */
  onRequest: ((request: RecordedRequest) => void) | null = null;
  private searchAnswers: { hits: FakeHit[]; aggregations?: unknown }[] = [];
  private server = createServer((request, response) => void this.handle(request, response));
  url = '';

  static async start(): Promise<FakeOpenSearch> {
    const fake = new FakeOpenSearch();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  answerNextSearch(hits: FakeHit[], aggregations?: unknown): void {
    this.searchAnswers.push({ hits, aggregations });
  }

  reset(): void {
    this.requests.splice(0);
    this.indices.clear();
    this.aliases.clear();
    this.bulkErrors.clear();
    this.bulkStatuses = [];
    this.searchAnswers = [];
    this.searchPipelines.clear();
    this.refusePipelines = null;
    this.refusePointsInTime = null;
    this.pointsInTime.clear();
    this.onRequest = null;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const text = await readBody(request);
    const contentType = request.headers['content-type'];
    const body =
      text === ''
        ? null
        : /ndjson/.test(contentType ?? '')
          ? text
              .trim()
              .split('\n')
              .map((line) => JSON.parse(line))
          : JSON.parse(text);
    const method = request.method ?? 'GET';
    const path = decodeURIComponent(url.pathname);
    const recorded = { method, path, query: Object.fromEntries(url.searchParams), body, contentType };
    this.requests.push(recorded);
    this.onRequest?.(recorded);
    const [first, second] = path.split('/').filter(Boolean);
    const send = (status: number, payload?: unknown) => {
      response.statusCode = status;
      response.setHeader('content-type', 'application/json');
      response.end(payload === undefined ? undefined : JSON.stringify(payload));
    };

    if (method === 'HEAD' && first === '_alias') return send(this.aliases.get(second)?.size ? 200 : 404);
    if (method === 'HEAD' && !second) return send(this.indices.has(first) ? 200 : 404);
    if (method === 'GET' && first === '_alias') {
      const targets = [...(this.aliases.get(second) ?? [])];
      if (targets.length === 0) return send(404, { error: `alias [${second}] missing`, status: 404 });
      return send(200, Object.fromEntries(targets.map((index) => [index, { aliases: { [second]: {} } }])));
    }
    if (method === 'PUT' && !second) {
      if (this.indices.has(first)) return send(400, errorBody('resource_already_exists_exception', `index [${first}] already exists`));
      this.indices.set(first, { body, docs: new Map() });
      for (const alias of Object.keys((body as { aliases?: object } | null)?.aliases ?? {})) this.addAlias(alias, first);
      return send(200, { acknowledged: true, shards_acknowledged: true, index: first });
    }
    if (second === '_mapping') {
      const entry = this.indices.get(first);
      if (!entry) return send(404, errorBody('index_not_found_exception', `no such index [${first}]`));
      const mappings = ((entry.body as { mappings?: Source } | null)?.mappings ?? {}) as Source;
      if (method === 'GET') return send(200, { [first]: { mappings } });
      entry.body = { ...(entry.body as Source), mappings: { ...mappings, _meta: (body as { _meta: unknown })._meta } };
      return send(200, { acknowledged: true });
    }
    if (method === 'POST' && first === '_bulk') {
      const status = this.bulkStatuses.shift();
      if (status === 413) return send(413, errorBody('content_too_long_exception', 'request too large'));
      if (status) return send(status, errorBody('es_rejected_execution_exception', 'rejected execution of bulk'));
      return send(200, this.bulk(body as Source[]));
    }
    if (method === 'POST' && first === '_aliases') {
      for (const action of (body as { actions: Record<string, { index: string; alias: string }>[] }).actions) {
        const [[kind, { index, alias }]] = Object.entries(action);
        if (kind === 'add') this.addAlias(alias, index);
        else this.aliases.get(alias)?.delete(index);
      }
      return send(200, { acknowledged: true });
    }
    if (second === '_delete_by_query')
      return send(200, { took: 1, timed_out: false, total: 0, deleted: this.deleteByQuery(first.split(','), body), failures: [] });
    if (second === '_update_by_query')
      return send(200, { took: 1, timed_out: false, total: 0, updated: this.updateByQuery(first.split(','), body), failures: [] });
    if (method === 'PUT' && first === '_search' && second === 'pipeline') {
      const refusal = this.refusePipelines;
      if (refusal)
        return send(refusal.status, {
          ...errorBody(refusal.status === 403 ? 'security_exception' : 'parse_exception', refusal.reason),
          status: refusal.status,
        });
      this.searchPipelines.set(path.split('/')[3]!, body);
      return send(200, { acknowledged: true });
    }
    if (method === 'GET' && first === '_search' && second === 'pipeline') {
      const id = path.split('/')[3]!;
      const pipeline = this.searchPipelines.get(id);
      if (!pipeline) return send(404, { ...errorBody('resource_not_found_exception', `pipeline [${id}] not found`), status: 404 });
      return send(200, { [id]: pipeline });
    }
    if (method === 'POST' && second === '_search' && path.split('/')[3] === 'point_in_time') {
      const refusal = this.refusePointsInTime;
      if (refusal)
        return send(refusal.status, {
          ...errorBody(refusal.status === 403 ? 'security_exception' : 'illegal_argument_exception', refusal.reason),
          status: refusal.status,
        });
      const pitId = `pit-${this.pointsInTime.size + 1}-${Date.now()}`;
      this.pointsInTime.set(
        pitId,
        this.targets(first).flatMap((index) => [...(this.indices.get(index)?.docs.values() ?? [])].map((doc) => ({ ...doc }))),
      );
      return send(200, { pit_id: pitId, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, creation_time: Date.now() });
    }
    if (method === 'DELETE' && first === '_search' && second === 'point_in_time') {
      const ids = (body as { pit_id: string[] }).pit_id;
      return send(200, { pits: ids.map((pitId) => ({ pit_id: pitId, successful: this.pointsInTime.delete(pitId) })) });
    }
    if (first === '_search' && !second) {
      const pitId = (body as { pit?: { id: string } } | null)?.pit?.id;
      const snapshot = pitId === undefined ? undefined : this.pointsInTime.get(pitId);
      if (!snapshot) return send(404, { ...errorBody('search_context_missing_exception', `no point in time [${pitId}]`), status: 404 });
      return send(200, { took: 1, timed_out: false, pit_id: pitId, hits: searchHits(this.sorted(snapshot, body as SortedSearch)) });
    }
    if (second === '_search' && (body as { pit?: unknown } | null)?.pit)
      return send(
        400,
        errorBody(
          'action_request_validation_exception',
          'Validation Failed: 1: [indices] cannot be used with point in time. Do not specify any index with point in time.;',
        ),
      );
    if (second === '_search') {
      const queued = this.searchAnswers.shift();
      const documents = this.targets(first).flatMap((index) => [...(this.indices.get(index)?.docs.values() ?? [])]);
      const hits: FakeHit[] = queued?.hits ?? this.sorted(documents, body as SortedSearch);
      return send(200, {
        took: 1,
        timed_out: false,
        hits: searchHits(hits, first),
        ...(queued?.aggregations === undefined ? {} : { aggregations: queued.aggregations }),
      });
    }
    if (second === '_count')
      return send(200, { count: this.targets(first).reduce((sum, index) => sum + (this.indices.get(index)?.docs.size ?? 0), 0) });
    return send(400, errorBody('illegal_argument_exception', `the fake does not know ${method} ${path}`));
  }

  private addAlias(alias: string, index: string): void {
    this.aliases.set(alias, (this.aliases.get(alias) ?? new Set()).add(index));
  }

  private targets(name: string): string[] {
    return this.aliases.has(name) ? [...(this.aliases.get(name) ?? [])] : [name];
  }

  private bulk(lines: Source[]) {
    const items = [];
    for (let i = 0; i < lines.length; i += 2) {
      const { _index, _id } = (lines[i] as { index: { _index: string; _id: string } }).index;
      const error = this.bulkErrors.get(_id);
      if (error) {
        if (error.times !== undefined && --error.times <= 0) this.bulkErrors.delete(_id);
        items.push({ index: { _index, _id, status: error.status ?? 400, error: { type: error.type, reason: error.reason } } });
        continue;
      }
      const docs = this.indices.get(_index)?.docs;
      const created = !docs?.has(_id);
      docs?.set(_id, lines[i + 1]);
      items.push({ index: { _index, _id, _version: 1, result: created ? 'created' : 'updated', status: created ? 201 : 200 } });
    }
    return { took: 1, errors: items.some((item) => 'error' in item.index), items };
  }

  /**
   * Chunks the way the adapter pages them: its term filters, sorted by the one sort field (ordinal or chunk_id), after
   * `search_after`; each hit carries its sort value, as OpenSearch answers.
   */
  private sorted(documents: Source[], body: SortedSearch | null): { _score: number; _source: Source; sort: unknown[] }[] {
    if (!body?.sort) return [];
    const field = Object.keys(body.sort[0])[0];
    const filters = body.query.bool.filter.map((clause) => Object.entries(clause.term)[0]!);
    const after = body.search_after?.[0];
    const compare = (a: unknown, b: unknown) => (field === 'ordinal' ? Number(a) - Number(b) : String(a).localeCompare(String(b)));
    return documents
      .filter((doc) => filters.every(([name, value]) => doc[name] === value) && (after === undefined || compare(doc[field], after) > 0))
      .sort((a, b) => compare(a[field], b[field]))
      .slice(0, body.size)
      .map((doc) => ({ _score: 0, _source: doc, sort: [doc[field]] }));
  }

  private deleteByQuery(names: string[], body: unknown): number {
    let deleted = 0;
    for (const [docs, id] of this.matching(names, body)) if (docs.delete(id)) deleted++;
    return deleted;
  }

  private updateByQuery(names: string[], body: unknown): number {
    const { script } = body as { script: { source: string; params: Source } };
    const [, field, name] = /^ctx\._source\.(\w+) = params\.(\w+)$/.exec(script.source) ?? [];
    if (!field) throw new Error(`the fake does not understand the script ${script.source}`);
    const matched = this.matching(names, body);
    for (const [docs, id] of matched) docs.get(id)![field] = script.params[name];
    return matched.length;
  }

  /** Understands the adapter's own queries: term filters on keyword fields and a `gte` range on ordinal. */
  private matching(names: string[], body: unknown): [Map<string, Source>, string][] {
    const filters = (body as { query: { bool: { filter: Source[] } } }).query.bool.filter;
    const matches = (doc: Source) =>
      filters.every((clause) => {
        if ('term' in clause) return Object.entries(clause.term as Source).every(([field, value]) => doc[field] === value);
        const { gte } = (clause.range as { ordinal: { gte: number } }).ordinal;
        return Number(doc.ordinal) >= gte;
      });
    return [...new Set(names.flatMap((name) => this.targets(name)))].flatMap((index) => {
      const docs = this.indices.get(index)?.docs ?? new Map<string, Source>();
      return [...docs].filter(([, doc]) => matches(doc)).map(([id]): [Map<string, Source>, string] => [docs, id]);
    });
  }
}

interface SortedSearch {
  size: number;
  sort?: Record<string, unknown>[];
  search_after?: (number | string)[];
  query: { bool: { filter: Array<{ term: Source }> } };
}

function searchHits(hits: FakeHit[], index = 'docpipe-chunks') {
  return {
    total: { value: hits.length, relation: 'eq' },
    max_score: hits[0]?._score ?? null,
    hits: hits.map((hit) => ({ _index: index, _id: String(hit._source.chunk_id), ...hit })),
  };
}

function errorBody(type: string, reason: string) {
  return { error: { root_cause: [{ type, reason }], type, reason }, status: 400 };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
