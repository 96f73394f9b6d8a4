// docker-compose-microservices.yml with deploy/compose.offline.yml applied, as one file for podman-compose,
// with the variables of the environment substituted (podman-compose-file.ts says why):
//   set -a; . ./.env; set +a; tsx deploy/containers/offline-compose.ts > docpipe-offline.yml
// podman-compose 1.0.3 (Debian 12) merges override files its own way: it appends every list, so an override's
// command, entrypoint or healthcheck test is glued to the main file's. This applies the compose-spec rules
// instead, and leaves out the services the override lists under x-offline-drop (with the depends_on on them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { podmanComposeFile } from './podman-compose-file';

const root = join(__dirname, '..', '..');
type Tree = Record<string, unknown>;

const isMapping = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lists the spec merges rather than replaces; volumes by their target path, ports by appending. */
function mergeList(key: string, base: unknown[], override: unknown[]): unknown[] {
  if (key === 'ports') return [...base, ...override];
  if (key === 'volumes') {
    const target = (volume: unknown) => String(volume).split(':')[1];
    const replaced = new Set(override.map(target));
    return [...base.filter((volume) => !replaced.has(target(volume))), ...override];
  }
  return override;
}

export function mergeCompose(base: Tree, override: Tree): Tree {
  const merged: Tree = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    if (isMapping(current) && isMapping(value)) merged[key] = mergeCompose(current, value);
    else if (Array.isArray(current) && Array.isArray(value)) merged[key] = mergeList(key, current, value);
    else merged[key] = value;
  }
  return merged;
}

/** Relative bind mounts and build contexts made absolute, so the file works from wherever it is written. */
function absolutePaths(service: Tree, projectDir: string): Tree {
  const volumes = Array.isArray(service['volumes'])
    ? service['volumes'].map((volume) => (String(volume).startsWith('./') ? join(projectDir, String(volume)) : volume))
    : service['volumes'];
  const build = isMapping(service['build'])
    ? { ...service['build'], context: join(projectDir, String(service['build']['context'])) }
    : service['build'];
  return { ...service, ...(volumes ? { volumes } : {}), ...(build ? { build } : {}) };
}

export function offlineCompose(mainText: string, overrideText: string, projectDir = root): Tree {
  const override = parse(overrideText, { merge: true }) as Tree;
  const dropped = (override['x-offline-drop'] ?? []) as string[];
  const merged = mergeCompose(parse(mainText, { merge: true }) as Tree, override);
  const services = { ...(merged['services'] as Record<string, Tree>) };
  for (const name of dropped) delete services[name];
  for (const [name, service] of Object.entries(services)) {
    const dependsOn = isMapping(service['depends_on']) ? service['depends_on'] : {};
    const kept = Object.fromEntries(Object.entries(dependsOn).filter(([dependency]) => !dropped.includes(dependency)));
    services[name] = absolutePaths({ ...service, depends_on: kept }, projectDir);
  }
  // Anchors (x-*) are resolved by now; what is left of them is noise to podman-compose.
  const withoutExtensions = Object.fromEntries(Object.entries(merged).filter(([key]) => !key.startsWith('x-')));
  return { ...withoutExtensions, services };
}

if (require.main === module) {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const tree = offlineCompose(read('docker-compose-microservices.yml'), read('deploy/compose.offline.yml'));
  process.stdout.write(podmanComposeFile(tree, process.env));
}
