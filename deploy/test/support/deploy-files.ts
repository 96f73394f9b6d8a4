import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { configSchema as classification } from '@docpipe/classification';
import { configSchema as extraction } from '@docpipe/extraction';
import { configSchema as gateway } from '@docpipe/gateway';
import { configSchema as indexing } from '@docpipe/indexing';
import { configSchema as ingestion } from '@docpipe/ingestion';
import { configSchema as metadata } from '@docpipe/metadata';
import { configSchema as notification } from '@docpipe/notification';
import { configSchema as search } from '@docpipe/search';

export const repoRoot = join(__dirname, '..', '..', '..');
export const readRepoFile = (path: string): string => readFileSync(join(repoRoot, path), 'utf8');

/** The services' own config schemas: what each one reads from its environment, defaults and validation included. */
export const serviceConfigSchemas: Record<string, z.ZodTypeAny> = {
  classification,
  extraction,
  gateway,
  indexing,
  ingestion,
  metadata,
  notification,
  search,
};

export const serviceFolders = (): string[] =>
  readdirSync(join(repoRoot, 'services'))
    .filter((name) => statSync(join(repoRoot, 'services', name)).isDirectory())
    .sort();

/** The object schema under refinements and pipes (indexing's schema is a ZodEffects around a merged object). */
export function objectSchemaOf(schema: z.ZodTypeAny): z.AnyZodObject {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodEffects) return objectSchemaOf(schema.innerType());
  if (schema instanceof z.ZodPipeline) return objectSchemaOf(schema._def.in);
  throw new Error(`Cannot find the variables of a ${schema.constructor.name} config schema; handle it in objectSchemaOf`);
}

export const variablesRead = (service: string): string[] => {
  const schema = serviceConfigSchemas[service];
  if (!schema) throw new Error(`No config schema registered for ${service} in deploy/test/support/deploy-files.ts`);
  return Object.keys(objectSchemaOf(schema).shape).sort();
};

/** True when the service starts without the variable: the schema has a default or the variable is optional. */
export const worksWithoutVariable = (service: string, variable: string): boolean => {
  const field: unknown = objectSchemaOf(serviceConfigSchemas[service] ?? z.object({})).shape[variable];
  return field instanceof z.ZodType && field.safeParse(undefined).success;
};

/** `KEY=value` lines; comments and blank lines skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      if (!match) throw new Error(`Not a KEY=value line: ${line}`);
      return [match[1] as string, match[2] as string] as const;
    });
  return Object.fromEntries(entries);
}

export interface VariableReference {
  name: string;
  /** `:-` uses the default when unset or empty, `-` only when unset; absent without a default. */
  operator?: ':-' | '-';
  fallback?: string;
}

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function variableReferences(value: string): VariableReference[] {
  return [...value.matchAll(REFERENCE)]
    .filter((match) => match[0] !== '$$')
    .map((match) => ({
      name: (match[1] ?? match[4]) as string,
      ...(match[2] ? { operator: match[2] as ':-' | '-', fallback: match[3] ?? '' } : {}),
    }));
}

/** Compose's interpolation of one value: `$$` is a literal `$`, `${A:-d}`, `${A-d}`, `${A}` and `$A` are replaced. */
export function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(REFERENCE, (whole, braced?: string, operator?: string, fallback?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare) as string;
    const current = variables[name];
    if (operator === ':-') return current === undefined || current === '' ? (fallback ?? '') : current;
    if (operator === '-') return current === undefined ? (fallback ?? '') : current;
    return current ?? '';
  });
}

/** Every string in a parsed YAML tree, interpolated (keys are left alone, as compose does). */
export function interpolateTree(node: unknown, variables: Record<string, string>): unknown {
  if (typeof node === 'string') return interpolate(node, variables);
  if (Array.isArray(node)) return node.map((item) => interpolateTree(item, variables));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateTree(value, variables)]));
  }
  return node;
}

export function stringsIn(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsIn);
  if (node !== null && typeof node === 'object') return Object.values(node).flatMap(stringsIn);
  return [];
}

export const COMPOSE_FILE = 'docker-compose-microservices.yml';

/** The compose file as compose sees it before interpolation: YAML merge keys (`<<`) resolved. */
export const loadComposeRaw = (): unknown => parse(readRepoFile(COMPOSE_FILE), { merge: true });

export const envExample = (): Record<string, string> => parseEnvFile(readRepoFile('.env.example'));

const composeService = z
  .object({
    image: z.string().optional(),
    build: z.object({ context: z.string(), dockerfile: z.string(), args: z.record(z.string()).optional() }).optional(),
    restart: z.string().optional(),
    container_name: z.string().optional(),
    ports: z.array(z.string()).optional(),
    environment: z.record(z.string()).default({}),
    volumes: z.array(z.string()).default([]),
    healthcheck: z
      .object({ test: z.array(z.string()).min(2) })
      .passthrough()
      .optional(),
    depends_on: z.record(z.object({ condition: z.string() }).passthrough()).default({}),
  })
  .passthrough();

export const composeFileSchema = z.object({
  services: z.record(composeService),
  volumes: z.record(z.unknown().nullable()).default({}),
});
export type ComposeFile = z.output<typeof composeFileSchema>;

/** The compose file interpolated with .env.example, the configuration a user starts from. */
export const loadCompose = (): ComposeFile => composeFileSchema.parse(interpolateTree(loadComposeRaw(), envExample()));

const k8sObject = z
  .object({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.object({ name: z.string() }).passthrough(),
  })
  .passthrough();
export type K8sObject = z.output<typeof k8sObject>;

export const K8S_DIR = 'deploy/k8s';

export const k8sFiles = (): string[] =>
  readdirSync(join(repoRoot, K8S_DIR))
    .filter((name) => name.endsWith('.yaml'))
    .sort();

/** Every document of every manifest; a YAML error in any of them throws with the file name. */
export function loadK8sObjects(): (K8sObject & { file: string })[] {
  return k8sFiles()
    .filter((file) => file !== 'kustomization.yaml')
    .flatMap((file) =>
      parseAllDocuments(readRepoFile(join(K8S_DIR, file))).map((document) => {
        if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
        return { ...k8sObject.parse(document.toJS()), file };
      }),
    );
}

const nameRef = z.object({ name: z.string() });
const keyRef = z.object({ name: z.string(), key: z.string() });
const probe = z.object({ httpGet: z.object({ path: z.string(), port: z.union([z.string(), z.number()]) }) }).passthrough();
const quantities = z.object({ cpu: z.union([z.string(), z.number()]), memory: z.string() });

export const containerSchema = z
  .object({
    name: z.string(),
    image: z.string(),
    ports: z.array(z.object({ name: z.string().optional(), containerPort: z.number() })).default([]),
    envFrom: z.array(z.object({ configMapRef: nameRef.optional(), secretRef: nameRef.optional() })).default([]),
    env: z
      .array(
        z.object({
          name: z.string(),
          value: z.string().optional(),
          valueFrom: z.object({ secretKeyRef: keyRef.optional(), configMapKeyRef: keyRef.optional() }).optional(),
        }),
      )
      .default([]),
    readinessProbe: probe.optional(),
    livenessProbe: probe.optional(),
    resources: z.object({ requests: quantities.optional(), limits: quantities.optional() }).optional(),
    securityContext: z.object({ allowPrivilegeEscalation: z.boolean().optional() }).passthrough().optional(),
  })
  .passthrough();
export type Container = z.output<typeof containerSchema>;

export const deploymentSchema = z.object({
  metadata: z.object({ name: z.string(), labels: z.record(z.string()).default({}) }),
  spec: z.object({
    replicas: z.number().optional(),
    selector: z.object({ matchLabels: z.record(z.string()) }),
    template: z.object({
      metadata: z.object({ labels: z.record(z.string()) }),
      spec: z
        .object({
          securityContext: z.object({ runAsNonRoot: z.boolean().optional() }).passthrough().optional(),
          containers: z.array(containerSchema).min(1),
        })
        .passthrough(),
    }),
  }),
});
export type Deployment = z.output<typeof deploymentSchema>;

export const dataObjectSchema = z.object({
  metadata: z.object({ name: z.string() }),
  data: z.record(z.string()).default({}),
  stringData: z.record(z.string()).default({}),
});

export const ofKind = (objects: K8sObject[], kind: string): K8sObject[] => objects.filter((object) => object.kind === kind);

/** ConfigMap and Secret contents by kind and name (Secret stringData and base64 data both count). */
export function dataSources(objects: K8sObject[]): {
  configMaps: Map<string, Record<string, string>>;
  secrets: Map<string, Record<string, string>>;
} {
  const read = (kind: string, decode: (value: string) => string) =>
    new Map(
      ofKind(objects, kind).map((object) => {
        const { metadata, data, stringData } = dataObjectSchema.parse(object);
        const decoded = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, decode(value)]));
        return [metadata.name, { ...decoded, ...stringData }] as const;
      }),
    );
  return {
    configMaps: read('ConfigMap', (value) => value),
    secrets: read('Secret', (value) => Buffer.from(value, 'base64').toString('utf8')),
  };
}

/** The environment one container starts with, resolved from its env, envFrom, ConfigMaps and Secrets. */
export function containerEnvironment(container: Container, objects: K8sObject[]): { env: Record<string, string>; dangling: string[] } {
  const { configMaps, secrets } = dataSources(objects);
  const env: Record<string, string> = {};
  const dangling: string[] = [];
  for (const source of container.envFrom) {
    const ref = source.configMapRef ?? source.secretRef;
    const data = source.configMapRef
      ? configMaps.get(source.configMapRef.name)
      : source.secretRef
        ? secrets.get(source.secretRef.name)
        : undefined;
    if (!ref || !data) dangling.push(`envFrom ${ref?.name ?? '(empty)'}`);
    Object.assign(env, data ?? {});
  }
  for (const variable of container.env) {
    const secretRef = variable.valueFrom?.secretKeyRef;
    const configRef = variable.valueFrom?.configMapKeyRef;
    const value = secretRef
      ? secrets.get(secretRef.name)?.[secretRef.key]
      : configRef
        ? configMaps.get(configRef.name)?.[configRef.key]
        : variable.value;
    if (value === undefined) dangling.push(`${variable.name} (${JSON.stringify(variable.valueFrom ?? 'no value')})`);
    else env[variable.name] = value;
  }
  return { env, dangling };
}

export const rabbitDefinitionQueues = (): string[] =>
  z
    .object({ queues: z.array(z.object({ name: z.string() })) })
    .parse(JSON.parse(readRepoFile('deploy/rabbitmq/definitions.json')))
    .queues.map((queue) => queue.name);
