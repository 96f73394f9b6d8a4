// The images the offline stack runs: a Debian base made with debootstrap, Node 20 on it, RabbitMQ, PostgreSQL
// and the S3 store from packages (each rebuilt only when its inputs change), then the eight service images.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageLabel, podman, root, run, secondsSince, workDir } from './podman';

const here = join(root, 'deploy', 'containers');
const INPUTS_LABEL = 'io.docpipe.inputs';
export const BASE_IMAGE = 'localhost/docpipe-base:bookworm';
export const NODE_IMAGE = 'localhost/docpipe-node:20';
const MIRROR = process.env.DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';

/** The files of the dirs, hashed with the extra facts (Node version, base id): the cache key of one image. */
function inputsHash(dirs: string[], extra: string[]): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  }
  for (const fact of extra) hash.update(fact);
  return hash.digest('hex').slice(0, 16);
}

async function imageId(image: string): Promise<string> {
  return (await podman(['image', 'inspect', '--format', '{{.Id}}', image])).stdout.trim();
}

/** Debian 12 minbase without documentation, man pages, locales or apt lists: ~77 MB. Made once per machine. */
async function ensureBase(log: (line: string) => void): Promise<void> {
  if ((await podman(['image', 'exists', BASE_IMAGE], { allowFailure: true })).code === 0) return;
  const rootfs = join(workDir, 'rootfs');
  rmSync(rootfs, { recursive: true, force: true });
  log(`base: debootstrap --variant=minbase bookworm from ${MIRROR} (a few minutes)`);
  await run('debootstrap', ['--variant=minbase', 'bookworm', rootfs, MIRROR]);
  await run('sh', [
    '-ec',
    `cd "${rootfs}" && rm -rf var/cache/apt/*.bin var/cache/apt/archives/*.deb var/lib/apt/lists/* usr/share/doc/* usr/share/man/* usr/share/info/*
     find usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
     printf 'path-exclude /usr/share/doc/*\\npath-exclude /usr/share/man/*\\npath-exclude /usr/share/info/*\\npath-exclude /usr/share/locale/*\\npath-include /usr/share/locale/locale.alias\\n' > etc/dpkg/dpkg.cfg.d/docpipe-slim
     tar -c . | podman import --change 'CMD ["/bin/bash"]' - ${BASE_IMAGE}`,
  ]);
  rmSync(rootfs, { recursive: true, force: true });
}

async function buildIfChanged(image: string, contextDir: string, containerfile: string, extra: string[], log: (line: string) => void) {
  const inputs = inputsHash([contextDir], extra);
  if ((await imageLabel(image, INPUTS_LABEL)) === inputs) return;
  log(`${image}: building`);
  await podman(['build', '-q', '--label', `${INPUTS_LABEL}=${inputs}`, '-f', join(here, containerfile), '-t', image, contextDir]);
}

/** Node 20 from the host (this machine's `node` and npm), debug symbols stripped: the same binary CI tests. */
async function ensureNode(log: (line: string) => void): Promise<void> {
  const context = join(workDir, 'node-context');
  const extra = [process.version, await imageId(BASE_IMAGE)];
  const inputs = inputsHash([], [readFileSync(join(here, 'node.Containerfile'), 'utf8'), ...extra]);
  if ((await imageLabel(NODE_IMAGE, INPUTS_LABEL)) === inputs) return;
  rmSync(context, { recursive: true, force: true });
  mkdirSync(context, { recursive: true });
  copyFileSync(process.execPath, join(context, 'node'));
  await run('strip', [join(context, 'node')]);
  const npmDir = join(process.execPath, '..', '..', 'lib', 'node_modules', 'npm');
  if (!existsSync(npmDir)) throw new Error(`npm is not at ${npmDir}; the local Node image copies it from there`);
  cpSync(npmDir, join(context, 'npm'), { recursive: true });
  log(`${NODE_IMAGE}: building from node ${process.version}`);
  await podman(['build', '-q', '--label', `${INPUTS_LABEL}=${inputs}`, '-f', join(here, 'node.Containerfile'), '-t', NODE_IMAGE, context]);
  rmSync(context, { recursive: true, force: true });
}

export const INFRA_IMAGES = {
  rabbitmq: 'localhost/docpipe-rabbitmq:3.10',
  postgres: 'localhost/docpipe-postgres:15',
  s3: 'localhost/docpipe-s3:3.7.1',
} as const;

export async function ensureInfraImages(log: (line: string) => void): Promise<void> {
  await ensureBase(log);
  await ensureNode(log);
  const baseId = await imageId(BASE_IMAGE);
  const nodeId = await imageId(NODE_IMAGE);
  for (const [dir, image] of Object.entries(INFRA_IMAGES)) {
    await buildIfChanged(image, join(here, dir), join(dir, 'Containerfile'), [dir === 's3' ? nodeId : baseId], log);
  }
}

export const SERVICES = readdirSync(join(root, 'services')).sort();
export const serviceImage = (service: string) => `localhost/docpipe-${service}:offline`;

/**
 * Every service image from the one Dockerfile, and the seconds each took: the first build does the shared stages
 * (every service built and traced, their trees and the runtime root made), the others reuse them and copy.
 * The host's npm cache is lent to the build's RUN steps (not part of any layer or cache key): after the host's own
 * `npm ci` it holds every package, so the image's `npm ci` need not download them again.
 */
export async function buildServiceImages(log: (line: string) => void): Promise<Map<string, number>> {
  const npmCache = (await run('npm', ['config', 'get', 'cache'])).stdout.trim();
  const seconds = new Map<string, number>();
  for (const service of SERVICES) {
    log(`${serviceImage(service)}: building`);
    const started = Date.now();
    await podman([
      'build',
      // Docker's image format keeps the HEALTHCHECK (the OCI format has no field for it: podman drops it).
      '--format',
      'docker',
      '--volume',
      `${npmCache}:/root/.npm`,
      '--build-arg',
      `NODE_IMAGE=${NODE_IMAGE}`,
      '--build-arg',
      `SERVICE=${service}`,
      '-t',
      serviceImage(service),
      '-f',
      join(root, 'Dockerfile'),
      root,
    ]);
    seconds.set(service, secondsSince(started));
  }
  return seconds;
}

/** The Dockerfile's images as the merged compose file names them, written beside the other test state. */
export function writeFile(name: string, text: string): string {
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, name);
  writeFileSync(file, text);
  return file;
}
