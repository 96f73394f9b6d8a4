import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { brokerUsers } from '@docpipe/events';
import {
  envExample,
  loadCompose,
  loadComposeRaw,
  serviceFolders,
  stringsIn,
  variableReferences,
  type ComposeFile,
} from './support/deploy-files';

// The compose-spec JSON schema bundled with dclint (draft-07); its `format`s are informational here.
const composeSchema: object = JSON.parse(
  readFileSync(join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json'), 'utf8'),
);
const validateCompose = new Ajv({ allErrors: true, validateSchema: false, unknownFormats: 'ignore' }).compile(composeSchema);

const compose = loadCompose();
const services = compose.services;
const appServices = serviceFolders();
/** One-shot jobs: run once to completion, so a health state means nothing for them. */
const oneShots = Object.keys(services).filter((name) => services[name]?.restart === 'no');
const service = (name: string): ComposeFile['services'][string] => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose-microservices.yml has no service ${name}`);
  return found;
};

describe('docker-compose-microservices.yml', () => {
  it('validates against the compose-spec JSON schema once .env.example is interpolated', () => {
    const valid = validateCompose(loadCompose());
    expect(validateCompose.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('fails schema validation for a misspelt key and a numeric healthcheck interval (the check can fail)', () => {
    const broken = structuredClone(loadCompose()) as { services: Record<string, Record<string, unknown>> };
    const gateway = broken.services['gateway'] as Record<string, unknown>;
    gateway['helthcheck'] = gateway['healthcheck'];
    (gateway['healthcheck'] as Record<string, unknown>)['interval'] = 10;
    expect(validateCompose(broken)).toBe(false);
    expect((validateCompose.errors ?? []).map((error) => error.dataPath).sort()).toEqual([
      ".services['gateway']",
      ".services['gateway'].healthcheck.interval",
    ]);
  });

  it('runs the eight services, each built from the Dockerfile with its own SERVICE build argument', () => {
    expect(appServices).toHaveLength(8);
    for (const name of appServices) {
      expect({ name, build: service(name).build }).toEqual({
        name,
        build: { context: '.', dockerfile: 'Dockerfile', args: { SERVICE: name } },
      });
    }
  });

  it('runs RabbitMQ (management UI on 15672), PostgreSQL, MinIO, OpenSearch and Ollama beside them', () => {
    expect(service('rabbitmq').image).toMatch(/^rabbitmq:[\d.]+-management$/);
    expect(service('rabbitmq').ports).toEqual(['127.0.0.1:15672:15672']);
    expect(service('postgres').image).toMatch(/^postgres:/);
    expect(service('minio').image).toMatch(/^minio\/minio:/);
    expect(service('opensearch').image).toMatch(/^opensearchproject\/opensearch:2\./);
    expect(service('ollama').image).toMatch(/^ollama\/ollama:/);
  });

  it('gives every long-running container a healthcheck; only one-shot jobs (restart: "no") go without', () => {
    expect(oneShots.sort()).toEqual(['minio-setup', 'ollama-pull', 'rabbitmq-topology']);
    const withoutHealthcheck = Object.keys(services).filter((name) => !oneShots.includes(name) && !service(name).healthcheck);
    expect(withoutHealthcheck).toEqual([]);
    for (const name of appServices) expect(service(name).healthcheck?.test.join(' ')).toContain('/health/ready');
  });

  it('orders start-up with depends_on conditions that match what the dependency is', () => {
    const wrong: string[] = [];
    for (const [name, definition] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(definition.depends_on)) {
        const expected = oneShots.includes(dependency) ? 'service_completed_successfully' : 'service_healthy';
        if (!services[dependency]) wrong.push(`${name} -> ${dependency}: no such service`);
        else if (condition !== expected) wrong.push(`${name} -> ${dependency}: ${condition}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    const dependencies = (name: string) => Object.keys(service(name).depends_on).sort();
    expect(dependencies('metadata')).toEqual(['postgres', 'rabbitmq-topology']);
    expect(dependencies('indexing')).toEqual(['minio-setup', 'ollama-pull', 'opensearch', 'rabbitmq-topology']);
    expect(dependencies('extraction')).toEqual(['minio-setup', 'rabbitmq-topology']);
    expect(dependencies('rabbitmq-topology')).toEqual(['rabbitmq']);
    expect(dependencies('minio-setup')).toEqual(['minio']);
    expect(dependencies('ollama-pull')).toEqual(['ollama']);
  });

  it('loads deploy/rabbitmq/definitions.json into the broker through the management API', () => {
    const topology = service('rabbitmq-topology');
    expect(topology.volumes).toContain('./deploy/rabbitmq/definitions.json:/definitions.json:ro');
    expect(stringsIn(topology['command']).join(' ')).toMatch(
      /--data-binary @\/definitions\.json\s+http:\/\/rabbitmq:15672\/api\/definitions/,
    );
  });

  it('creates the bucket the services use and pulls both Ollama models they ask for', () => {
    const setup = service('minio-setup');
    expect(stringsIn(setup['entrypoint']).join(' ')).toContain('mc mb --ignore-existing "docpipe/$S3_BUCKET"');
    expect(setup.environment['S3_BUCKET']).toBe(service('gateway').environment['S3_BUCKET']);
    const pull = service('ollama-pull');
    expect(stringsIn(pull['entrypoint']).join(' ')).toContain('ollama pull "$OLLAMA_EMBED_MODEL" && ollama pull "$OLLAMA_MODEL"');
    expect(pull.environment['OLLAMA_EMBED_MODEL']).toBe(service('indexing').environment['OLLAMA_EMBED_MODEL']);
    expect(pull.environment['OLLAMA_EMBED_MODEL']).toBe(service('search').environment['OLLAMA_EMBED_MODEL']);
    expect(pull.environment['OLLAMA_MODEL']).toBe(service('classification').environment['OLLAMA_MODEL']);
  });

  it('runs OpenSearch as one node with k-NN, and marks the disabled security plugin as local-only', () => {
    const opensearch = service('opensearch');
    expect(opensearch.environment).toMatchObject({
      'discovery.type': 'single-node',
      DISABLE_SECURITY_PLUGIN: 'true',
    });
    expect(opensearch.healthcheck?.test.join(' ')).toContain('opensearch-knn');
    expect(service('indexing').environment['OPENSEARCH_REPLICAS']).toBe('0');
    const source = readFileSync(join(__dirname, '..', '..', 'docker-compose-microservices.yml'), 'utf8');
    expect(source).toMatch(/LOCAL COMPOSE ONLY.*\n\s+DISABLE_SECURITY_PLUGIN/);
  });

  it('lets workers scale (--scale extraction=4): no container_name anywhere, host ports only on gateway and notification', () => {
    expect(Object.keys(services).filter((name) => service(name).container_name)).toEqual([]);
    const published = appServices.filter((name) => service(name).ports?.length);
    expect(published).toEqual(['gateway', 'notification']);
  });

  it('keeps state in named volumes that are all declared', () => {
    const named = Object.values(services)
      .flatMap((definition) => definition.volumes)
      .map((volume) => volume.split(':')[0] as string)
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));
    expect([...new Set(named)].sort()).toEqual(Object.keys(compose.volumes).sort());
    expect(named.sort()).toEqual(['minio-data', 'ollama-models', 'opensearch-data', 'postgres-data', 'rabbitmq-data']);
  });

  it('connects each service as its own least-privilege broker user, which rabbitmq-topology creates', () => {
    const urls = appServices.map((name) => new URL(service(name).environment['RABBITMQ_URL'] ?? 'amqp://missing@rabbitmq'));
    expect(urls.map((url) => url.username)).toEqual(appServices);
    expect(appServices.map((name) => service(name).environment['RABBITMQ_DECLARE'])).toEqual(appServices.map(() => 'own'));
    expect([...brokerUsers].sort()).toEqual(appServices);
    const job = service('rabbitmq-topology');
    expect(stringsIn(job.command).join(' ')).toContain(`for service in ${brokerUsers.join(' ')};`);
    const passwords = appServices.map((name) => job.environment[`RABBITMQ_${name.toUpperCase()}_PASSWORD`]);
    expect(urls.map((url) => url.password)).toEqual(passwords);
  });

  it('takes every variable from .env.example, with the same defaults, and .env.example has nothing unused', () => {
    const example = envExample();
    const references = stringsIn(loadComposeRaw()).flatMap(variableReferences);
    const referenced = [...new Set(references.map((reference) => reference.name))].sort();
    expect(referenced).toEqual(Object.keys(example).sort());
    const differing = references
      .filter((reference) => reference.fallback !== undefined && reference.fallback !== example[reference.name])
      .map((reference) => `${reference.name}: compose ${reference.fallback}, .env.example ${example[reference.name]}`);
    expect(differing).toEqual([]);
  });
});
