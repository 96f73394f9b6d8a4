import {
  containerEnvironment,
  deploymentSchema,
  loadCompose,
  loadK8sObjects,
  ofKind,
  serviceConfigSchemas,
  serviceFolders,
  variablesRead,
  worksWithoutVariable,
} from './support/deploy-files';

/**
 * The rule: every variable a service's config schema reads is set for it in compose AND in Kubernetes, except the
 * ones below. These are tuning knobs and limits whose schema defaults are the intended production values, or
 * variables only used on a path the deployments do not take. Each must keep a default (checked below), so a
 * deployment that leaves it unset still starts. Connection settings, credentials, API keys, models, ports and
 * scaling knobs are never on this list.
 */
const LEFT_AT_DEFAULT: Record<string, string> = {
  S3_PART_SIZE_MB: 'multipart part size; the defaults (16, gateway 5) are sized for memory per upload',
  ACCEPTED_MEDIA_TYPES: 'all known media types by default',
  SNIFF_BYTES: 'bytes read to recognise a type',
  API_KEYS_REFRESH_MS: 'a safety net: the api-key events apply changes at once',
  QUEUE_SAMPLE_SECONDS: "how often the Pipeline page's queue history is sampled",
  EXTRACTION_TIMEOUT_MS: 'per-document limit',
  MAX_PAGES: 'per-document limit',
  MAX_TEXT_BYTES: 'per-document limit',
  MAX_IMAGE_PIXELS: 'per-document limit',
  MAX_ARCHIVE_BYTES: 'per-document limit',
  MAX_ARCHIVE_ENTRIES: 'per-document limit',
  OCR_DPI: 'OCR rendering resolution',
  DOCUMENT_TYPES: 'the default taxonomy is the one the shipped offline model was trained on',
  CLASSIFIER_MODEL_PATH: 'optional: the model inside the image is used',
  TENANT_LAYER_MIN_SIMILARITY: 'how close to a type a tenant taught a document must be; measured on eval/corpus',
  TENANT_LAYER_REFRESH_MS: 'how soon other replicas see a correction',
  WEB_DIST_DIR: 'the gateway image puts the built UI where the default points',
  RABBITMQ_CONSOLE_URL: 'optional: a link on the pipeline page, only where the console is reachable',
  OLLAMA_TIMEOUT_MS: 'LLM call timeout',
  OLLAMA_EMBED_TIMEOUT_MS: 'embedding call timeout',
  OLLAMA_MAX_CHARS: 'prompt size',
  ASK_OLLAMA: 'with OLLAMA_HOST set, answers come from the LLM; false only forces the extractive answerer',
  ASK_OLLAMA_TIMEOUT_MS: 'how long a question waits for the LLM before the extractive answerer answers',
  EMBED_BATCH_SIZE: 'embedding batch size',
  OFFLINE_EMBEDDER:
    'offline embedder when OLLAMA_HOST is empty; the offline compose sets use: the images ship the sentence encoder, not the word vectors',
  EMBED_WORKERS: 'offline embedder threads; see OFFLINE_EMBEDDER',
  OPENSEARCH_REFRESH_INTERVAL: 'index refresh interval',
  OPENSEARCH_BULK_MAX_BYTES: 'bulk request size; lower it for clusters with a smaller request limit',
  OPENSEARCH_BULK_ATTEMPTS: 'rounds for chunks the cluster is too busy for',
  OPENSEARCH_HNSW_M: 'HNSW graph; changing it means a new index',
  OPENSEARCH_HNSW_EF_CONSTRUCTION: 'HNSW graph; changing it means a new index',
  OPENSEARCH_HNSW_EF_SEARCH: 'recall/latency trade-off per query',
  LANCE_DIR: 'LanceDB is only used without OPENSEARCH_URL, which both deployments set',
  LANCE_ANN_MIN_ROWS: 'LanceDB only',
  LANCE_ANN_INDEX: 'LanceDB only',
  LANCE_NPROBES: 'LanceDB only',
  LANCE_HNSW_M: 'LanceDB only',
  LANCE_HNSW_EF_CONSTRUCTION: 'LanceDB only',
  LANCE_HNSW_EF: 'LanceDB only',
  LANCE_REFINE_FACTOR: 'LanceDB only',
  LANCE_MAINTENANCE_ROWS: 'LanceDB only',
  LANCE_MAINTENANCE_INTERVAL_S: 'LanceDB only',
  CHUNK_MAX_CHARS: 'chunking; changing it means re-indexing, so it stays with the code',
  CHUNK_OVERLAP_CHARS: 'chunking; see CHUNK_MAX_CHARS',
  REEMBED_RETRY_MS: 're-embedding; the default retries failed documents every 30 s',
  SEARCH_ALIAS_CHECK_MS: 're-embedding; how soon search follows an alias switch',
  SEARCH_CANDIDATES: 'ranking',
  RRF_K: 'ranking',
  SEARCH_KEYWORD_WEIGHT: 'ranking',
  SEARCH_COVERAGE_POWER: 'ranking',
  SEARCH_CHUNK_COVERAGE_POWER: 'ranking',
  SEARCH_FUSION: 'ranking',
  OPENSEARCH_NATIVE_SEARCH:
    "ranking: the app's fusion and reranking (measured by eval:search) by default; the engine's own search is for scale, see shared/search-index/README.md",
  SEARCH_RERANK_TOP: 'ranking',
  SEARCH_TYPO_TOLERANCE: 'ranking',
  SEARCH_EXPANSION_WEIGHT: 'ranking',
  SEARCH_OLLAMA_RERANK_TOP: 'ranking',
  OLLAMA_RERANK_TIMEOUT_MS: 'LLM call timeout',
  HIGHLIGHTS_PER_DOCUMENT: 'result shape',
  MAX_FILES_PER_UPLOAD: 'request limit',
  OIDC_CLOCK_SKEW_SECONDS: 'clock difference tolerated on token expiry; 30 s suits synchronised clocks',
  AUTH_FAILURES_PER_MINUTE: 'failed authentications tolerated per client address and per key prefix',
  SUBSCRIBES_PER_MINUTE: 'socket subscribes per connection',
  REQUEST_TIMEOUT_MS: 'request timeout',
  WAIT_POLL_MS: 'long-poll interval',
  DATABASE_POOL_SIZE: 'connection pool size',
  EVENTS_PREFETCH: 'events per batch at most; 64 keeps a transaction short',
  WEBHOOK_MAX_ATTEMPTS: 'webhook retries; 6 tries over about 6 minutes',
  WEBHOOK_RETRY_INITIAL_MS: 'webhook retries; the first wait, each next one 4 times longer',
  WEBHOOK_TIMEOUT_MS: 'webhook receiver answer timeout',
  WEBHOOK_DISABLE_AFTER: 'abandoned webhook deliveries in a row before an endpoint is disabled',
  WEBHOOKS_REFRESH_MS: 'how often the delivery worker reloads the endpoint list',
};

const services = serviceFolders();
const mustBeSet = (service: string): string[] => variablesRead(service).filter((name) => !(name in LEFT_AT_DEFAULT));
const compose = loadCompose();
const k8s = loadK8sObjects();
const deployment = (service: string) => {
  const found = ofKind(k8s, 'Deployment').find((object) => object.metadata.name === service);
  if (!found) throw new Error(`deploy/k8s has no Deployment ${service}`);
  return deploymentSchema.parse(found);
};
const k8sEnvironment = (service: string) => {
  const containers = deployment(service).spec.template.spec.containers;
  const app = containers.find((container) => container.name === service) ?? containers[0];
  if (!app) throw new Error(`Deployment ${service} has no container`);
  return containerEnvironment(app, k8s);
};
const composeEnvironment = (service: string): Record<string, string> => compose.services[service]?.environment ?? {};
const missing = (service: string, env: Record<string, string>) => mustBeSet(service).filter((name) => !(name in env));
const schema = (service: string) => {
  const found = serviceConfigSchemas[service];
  if (!found) throw new Error(`no config schema for ${service}`);
  return found;
};

describe('environment of each service, from its zod config schema (services/<name>/src/config.ts)', () => {
  it('covers every service folder with a config schema', () => {
    expect(Object.keys(serviceConfigSchemas).sort()).toEqual(services);
  });

  it('reads the variables of the merged and refined schemas (indexing: storage + embeddings + search index)', () => {
    expect(variablesRead('indexing')).toEqual(
      expect.arrayContaining(['RABBITMQ_URL', 'S3_BUCKET', 'OLLAMA_EMBED_MODEL', 'OPENSEARCH_URL', 'CHUNK_MAX_CHARS']),
    );
    expect(variablesRead('metadata')).toEqual([
      'DATABASE_POOL_SIZE',
      'DATABASE_URL',
      'EVENTS_PREFETCH',
      'HOST',
      'LOG_FORMAT',
      'LOG_LEVEL',
      'METRICS_TOKEN',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_TRACES_EXPORTER',
      'PORT',
      'RABBITMQ_DECLARE',
      'RABBITMQ_URL',
      'STALL_CLASSIFYING_SECONDS',
      'STALL_EXTRACTING_SECONDS',
      'STALL_INDEXING_SECONDS',
      'STALL_QUEUED_SECONDS',
      'STALL_SWEEP_INTERVAL_SECONDS',
    ]);
  });

  it('leaves unset only variables on the LEFT_AT_DEFAULT list that have a default (or are optional) and that some service reads', () => {
    const read = new Set(services.flatMap(variablesRead));
    expect(Object.keys(LEFT_AT_DEFAULT).filter((name) => !read.has(name))).toEqual([]);
    const withoutDefault = services.flatMap((service) =>
      variablesRead(service)
        .filter((name) => name in LEFT_AT_DEFAULT && !worksWithoutVariable(service, name))
        .map((name) => `${service}.${name}`),
    );
    expect(withoutDefault).toEqual([]);
  });

  it.each(services)('%s: compose sets every variable it reads except LEFT_AT_DEFAULT ones, and nothing it does not read', (service) => {
    const env = composeEnvironment(service);
    expect(missing(service, env)).toEqual([]);
    expect(Object.keys(env).filter((name) => !variablesRead(service).includes(name))).toEqual([]);
  });

  it.each(services)('%s: the compose environment (with .env.example) passes its config schema', (service) => {
    const result = schema(service).safeParse(composeEnvironment(service));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it.each(services)(
    '%s: Kubernetes sets every variable it reads except LEFT_AT_DEFAULT ones, from existing ConfigMap/Secret keys',
    (service) => {
      const { env, dangling } = k8sEnvironment(service);
      expect(dangling).toEqual([]);
      expect(missing(service, env)).toEqual([]);
    },
  );

  it.each(services)('%s: the Kubernetes environment (ConfigMap + Secret placeholders) passes its config schema', (service) => {
    const result = schema(service).safeParse(k8sEnvironment(service).env);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('gives indexing and search the same index and embedder in both deployments', () => {
    const shared = ['OPENSEARCH_URL', 'OPENSEARCH_ALIAS', 'OLLAMA_HOST', 'OLLAMA_EMBED_MODEL', 'OLLAMA_EMBED_DIMENSIONS'];
    const pick = (env: Record<string, string>) => Object.fromEntries(shared.map((name) => [name, env[name]]));
    expect(pick(composeEnvironment('search'))).toEqual(pick(composeEnvironment('indexing')));
    expect(pick(k8sEnvironment('search').env)).toEqual(pick(k8sEnvironment('indexing').env));
    expect(composeEnvironment('indexing')['OPENSEARCH_URL']).toBe('http://opensearch:9200');
  });

  it('hands each Deployment only the secrets it reads (no envFrom of the whole Secret)', () => {
    expect(ofKind(k8s, 'Secret').map((secret) => secret.metadata.name)).toContain('docpipe-secrets');
    const extra = services.flatMap((service) => {
      const [container] = deployment(service).spec.template.spec.containers;
      const secretVariables = (container?.env ?? [])
        .filter((variable) => variable.valueFrom?.secretKeyRef)
        .map((variable) => variable.name);
      const fromWholeSecret = (container?.envFrom ?? [])
        .filter((source) => source.secretRef)
        .map((source) => `envFrom ${source.secretRef?.name}`);
      return [...secretVariables.filter((name) => !variablesRead(service).includes(name)), ...fromWholeSecret].map(
        (name) => `${service}: ${name}`,
      );
    });
    expect(extra).toEqual([]);
  });
});
