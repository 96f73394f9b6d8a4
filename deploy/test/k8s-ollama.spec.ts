import { z } from 'zod';
import { containerEnvironment, containerSchema, loadCompose, loadK8sObjects, ofKind, stringsIn } from './support/deploy-files';

const objects = loadK8sObjects();
const named = (kind: string, name: string) => {
  const found = ofKind(objects, kind).find((object) => object.metadata.name === name);
  if (!found) throw new Error(`deploy/k8s has no ${kind} ${name}`);
  return found;
};
const podSpec = z.object({
  securityContext: z.object({ runAsNonRoot: z.literal(true) }).passthrough(),
  containers: z.array(containerSchema.extend({ command: z.array(z.string()).optional() })).length(1),
});
const statefulSet = z
  .object({
    spec: z.object({
      selector: z.object({ matchLabels: z.record(z.string()) }),
      template: z.object({ metadata: z.object({ labels: z.record(z.string()) }), spec: podSpec }),
      volumeClaimTemplates: z.array(z.object({ metadata: z.object({ name: z.string() }) })).min(1),
    }),
  })
  .parse(named('StatefulSet', 'ollama'));
const service = z
  .object({ spec: z.object({ selector: z.record(z.string()), ports: z.array(z.object({ port: z.number(), targetPort: z.string() })) }) })
  .parse(named('Service', 'ollama'));
const job = z
  .object({ spec: z.object({ template: z.object({ spec: podSpec.extend({ restartPolicy: z.enum(['OnFailure', 'Never']) }) }) }) })
  .parse(named('Job', 'ollama-pull'));
const [server] = statefulSet.spec.template.spec.containers;
const [puller] = job.spec.template.spec.containers;
const config = z.object({ data: z.record(z.string()) }).parse(named('ConfigMap', 'docpipe-config')).data;
const compose = loadCompose();

describe('deploy/k8s: Ollama and the job that pulls its models, like compose', () => {
  it('runs Ollama from the image compose runs, non-root, with its models on a persistent volume', () => {
    expect(server!.image).toBe(compose.services['ollama']?.image);
    expect(server!.securityContext?.allowPrivilegeEscalation).toBe(false);
    const mounts = z.array(z.object({ name: z.string(), mountPath: z.string() })).parse(server!['volumeMounts']);
    const models = mounts.find((mount) => mount.name === statefulSet.spec.volumeClaimTemplates[0]!.metadata.name);
    expect(containerEnvironment(server!, objects).env['OLLAMA_MODELS']).toBe(models?.mountPath);
    expect(server!.readinessProbe?.httpGet.path).toBe('/');
    expect(server!.resources?.limits).toEqual({ cpu: expect.anything(), memory: expect.stringMatching(/^\d+(Mi|Gi)$/) });
  });

  it('points the services’ OLLAMA_HOST at the Service, which selects the Ollama pods and their port', () => {
    expect(statefulSet.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(statefulSet.spec.template.metadata.labels).toMatchObject(statefulSet.spec.selector.matchLabels);
    const [port] = service.spec.ports;
    expect(server!.ports.find((candidate) => candidate.name === port!.targetPort)?.containerPort).toBe(11434);
    expect(config['OLLAMA_HOST']).toBe(`http://ollama:${port!.port}`);
  });

  it('pulls, with compose’s command, exactly the models the services are configured with, from the same ConfigMap', () => {
    expect(puller!.image).toBe(server!.image);
    const script = stringsIn(puller!.command).join('\n');
    expect(script).toContain('ollama pull "$OLLAMA_EMBED_MODEL"');
    expect(script).toContain('ollama pull "$OLLAMA_MODEL"');
    expect(stringsIn(compose.services['ollama-pull']?.['entrypoint']).join(' ')).toContain(
      'ollama pull "$OLLAMA_EMBED_MODEL" && ollama pull "$OLLAMA_MODEL"',
    );
    const { env, dangling } = containerEnvironment(puller!, objects);
    expect(dangling).toEqual([]);
    expect({ host: env['OLLAMA_HOST'], embed: env['OLLAMA_EMBED_MODEL'], chat: env['OLLAMA_MODEL'] }).toEqual({
      host: config['OLLAMA_HOST'],
      embed: config['OLLAMA_EMBED_MODEL'],
      chat: config['OLLAMA_MODEL'],
    });
    // The offline models need nothing pulled, so the job must succeed without a server.
    expect(script).toMatch(/if \[ -z "\$\{OLLAMA_HOST:-\}" \]; then .*exit 0; fi/);
  });
});
