import { parse } from 'yaml';
import { z } from 'zod';
import { allQueues } from '@docpipe/events';
import {
  K8S_DIR,
  deploymentSchema,
  k8sFiles,
  loadK8sObjects,
  ofKind,
  rabbitDefinitionQueues,
  readRepoFile,
  serviceFolders,
  type Deployment,
} from './support/deploy-files';

const objects = loadK8sObjects();
const services = serviceFolders();
const deployments = ofKind(objects, 'Deployment').map((object) => deploymentSchema.parse(object));
const deploymentOf = (name: string): Deployment => {
  const found = deployments.find((candidate) => candidate.metadata.name === name);
  if (!found) throw new Error(`deploy/k8s has no Deployment ${name}`);
  return found;
};

const serviceSchema = z.object({
  metadata: z.object({ name: z.string() }),
  spec: z.object({
    selector: z.record(z.string()),
    ports: z.array(z.object({ name: z.string(), port: z.number(), targetPort: z.union([z.string(), z.number()]) })).min(1),
  }),
});
const scaledObjectSchema = z.object({
  metadata: z.object({ name: z.string() }),
  spec: z.object({
    scaleTargetRef: z.object({ name: z.string() }),
    minReplicaCount: z.number(),
    maxReplicaCount: z.number(),
    triggers: z
      .array(
        z.object({
          type: z.string(),
          authenticationRef: z.object({ name: z.string() }),
          metadata: z.object({
            protocol: z.string(),
            mode: z.string(),
            queueName: z.string(),
            value: z.string(),
          }),
        }),
      )
      .min(1),
  }),
});
const triggerAuthenticationSchema = z.object({
  metadata: z.object({ name: z.string() }),
  spec: z.object({
    secretTargetRef: z.array(z.object({ parameter: z.string(), name: z.string(), key: z.string() })).min(1),
  }),
});
const secretSchema = z.object({
  metadata: z.object({ name: z.string() }),
  stringData: z.record(z.string()).default({}),
  data: z.record(z.string()).default({}),
});
const ingressSchema = z.object({
  spec: z.object({
    rules: z.array(
      z.object({
        http: z.object({
          paths: z.array(
            z.object({
              path: z.string(),
              backend: z.object({
                service: z.object({ name: z.string(), port: z.object({ name: z.string() }) }),
              }),
            }),
          ),
        }),
      }),
    ),
  }),
});

const KEDA_SCALED = ['classification', 'extraction', 'indexing'];
/** Servers the manifests run beside the services (the others are managed services, see deploy/README.md). */
const ENGINES = ['ollama'];

describe('deploy/k8s manifests', () => {
  it('parse as YAML (every document of every file) and are all listed in kustomization.yaml', () => {
    expect(objects.length).toBeGreaterThan(20);
    const kustomization = z.object({ resources: z.array(z.string()) }).parse(parse(readRepoFile(`${K8S_DIR}/kustomization.yaml`)));
    expect([...kustomization.resources].sort()).toEqual(k8sFiles().filter((file) => file !== 'kustomization.yaml'));
  });

  it('put everything in the docpipe namespace', () => {
    expect(ofKind(objects, 'Namespace').map((namespace) => namespace.metadata.name)).toEqual(['docpipe']);
    const elsewhere = objects.filter((object) => object.kind !== 'Namespace' && object.metadata['namespace'] !== 'docpipe');
    expect(elsewhere.map((object) => `${object.file}: ${object.kind}/${object.metadata.name}`)).toEqual([]);
  });

  it('have one Deployment and one Service per service folder, besides the engines they run on', () => {
    expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual(services);
    expect(
      ofKind(objects, 'Service')
        .map((service) => service.metadata.name)
        .sort(),
    ).toEqual([...services, ...ENGINES].sort());
  });

  it.each(services)('%s: readiness on /health/ready, liveness on /health/live, requests and limits, non-root', (name) => {
    const { spec } = deploymentOf(name).spec.template;
    expect(spec.securityContext?.runAsNonRoot).toBe(true);
    for (const container of spec.containers) {
      const portNames = container.ports.map((port) => port.name);
      expect(container.readinessProbe?.httpGet.path).toBe('/health/ready');
      expect(container.livenessProbe?.httpGet.path).toBe('/health/live');
      expect(portNames).toContain(container.readinessProbe?.httpGet.port);
      expect(portNames).toContain(container.livenessProbe?.httpGet.port);
      expect(container.resources?.requests).toEqual({
        cpu: expect.anything(),
        memory: expect.stringMatching(/^\d+(Mi|Gi)$/),
      });
      expect(container.resources?.limits).toEqual({
        cpu: expect.anything(),
        memory: expect.stringMatching(/^\d+(Mi|Gi)$/),
      });
      expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
      expect(container.image).toBe(`docpipe/${name}:0.1.0`);
    }
  });

  it.each(services)('%s: its Service selects its pods and targets a named container port', (name) => {
    const deployment = deploymentOf(name);
    const service = serviceSchema.parse(ofKind(objects, 'Service').find((object) => object.metadata.name === name));
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    const portNames = deployment.spec.template.spec.containers.flatMap((container) => container.ports.map((port) => port.name));
    for (const port of service.spec.ports) expect(portNames).toContain(port.targetPort);
  });

  it('route the Ingress to the gateway (and socket.io to notification) through existing Services', () => {
    const [ingress] = ofKind(objects, 'Ingress');
    const backends = ingressSchema
      .parse(ingress)
      .spec.rules.flatMap((rule) => rule.http.paths.map((path) => [path.path, path.backend.service.name] as const));
    expect(Object.fromEntries(backends)).toEqual({ '/': 'gateway', '/socket.io': 'notification' });
  });

  it('scale extraction, classification and indexing with KEDA on queues that exist in definitions.json and that they consume', () => {
    const definitionQueues = rabbitDefinitionQueues();
    const scaled = ofKind(objects, 'ScaledObject').map((object) => scaledObjectSchema.parse(object));
    expect(scaled.map((object) => object.spec.scaleTargetRef.name).sort()).toEqual(KEDA_SCALED);
    for (const object of scaled) {
      const target = object.spec.scaleTargetRef.name;
      const queues = object.spec.triggers.map((trigger) => trigger.metadata.queueName).sort();
      const consumed = allQueues
        .filter((queue) => queue.service === target)
        .map((queue) => queue.name)
        .sort();
      expect({ target, queues }).toEqual({ target, queues: consumed });
      for (const queue of queues) expect(definitionQueues).toContain(queue);
      for (const trigger of object.spec.triggers) {
        expect(trigger).toMatchObject({
          type: 'rabbitmq',
          metadata: { protocol: 'amqp', mode: 'QueueLength', value: expect.stringMatching(/^\d+$/) },
        });
      }
      expect(object.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
      expect(object.spec.maxReplicaCount).toBeGreaterThan(object.spec.minReplicaCount);
    }
    expect(definitionQueues).toContain('extraction.extract-text');
  });

  it('leave the replica count of KEDA-scaled Deployments to KEDA', () => {
    expect(KEDA_SCALED.map((name) => [name, deploymentOf(name).spec.replicas])).toEqual(KEDA_SCALED.map((name) => [name, undefined]));
  });

  it('authenticate KEDA to RabbitMQ through a TriggerAuthentication that reads an existing Secret key', () => {
    const authentications = ofKind(objects, 'TriggerAuthentication').map((object) => triggerAuthenticationSchema.parse(object));
    const secrets = ofKind(objects, 'Secret').map((object) => secretSchema.parse(object));
    const referenced = ofKind(objects, 'ScaledObject').flatMap((object) =>
      scaledObjectSchema.parse(object).spec.triggers.map((trigger) => trigger.authenticationRef.name),
    );
    for (const name of new Set(referenced)) {
      const authentication = authentications.find((candidate) => candidate.metadata.name === name);
      expect(authentication?.spec.secretTargetRef).toEqual([{ parameter: 'host', name: 'docpipe-secrets', key: 'RABBITMQ_KEDA_URL' }]);
      for (const ref of authentication?.spec.secretTargetRef ?? []) {
        const secret = secrets.find((candidate) => candidate.metadata.name === ref.name);
        expect(Object.keys({ ...secret?.data, ...secret?.stringData })).toContain(ref.key);
      }
    }
  });
});
