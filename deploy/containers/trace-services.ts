// What each service's image needs at run time, as a list of paths for `cp --parents`, one file per service.
// Run in the Dockerfile's build stage after every service is built: tsx deploy/containers/trace-services.ts <out dir>
// The root node_modules holds every workspace's dependencies (900+ MB in production); an image gets only
// the packages its service's code reaches, found by @vercel/nft (static analysis of requires and file reads).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { nodeFileTrace } from '@vercel/nft';
import { leftOutOfImage } from './package-trim';

const root = join(__dirname, '..', '..');

/** node_modules/a/node_modules/@s/b/lib/x.js -> node_modules/a/node_modules/@s/b */
export function packageRootOf(file: string): string | undefined {
  const parts = file.split('/');
  const last = parts.lastIndexOf('node_modules');
  if (last < 0 || last + 1 >= parts.length) return undefined;
  const nameLength = parts[last + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, last + 1 + nameLength).join('/');
}

interface Manifest {
  optionalDependencies?: Record<string, string>;
}

/** Where Node resolves `name` from inside `packageDir`: its own node_modules, then each parent's. */
function resolvePackage(name: string, packageDir: string): string | undefined {
  for (let dir = packageDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(root, candidate, 'package.json'))) return candidate;
    if (dir === '.' || dir === '') return undefined;
  }
}

/**
 * Native addons pick their platform package (`@lancedb/lancedb-linux-x64-gnu`) by a computed name, which no
 * static trace follows; they are the packages' installed optionalDependencies, so those come along.
 */
function withInstalledOptionals(packages: Set<string>): Set<string> {
  const all = new Set(packages);
  const queue = [...packages];
  for (let dir = queue.pop(); dir !== undefined; dir = queue.pop()) {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Manifest;
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
      const found = resolvePackage(name, dir);
      if (found && !all.has(found)) {
        all.add(found);
        queue.push(found);
      }
    }
  }
  return all;
}

/** Packages a service loads by a computed name (`@tesseract.js-data/${code}`), which no static trace follows. */
const loadedByComputedName: Record<string, string[]> = {
  extraction: readdirSync(join(root, 'node_modules', '@tesseract.js-data')).map((code) => `node_modules/@tesseract.js-data/${code}`),
};

/** Every file under a package folder (symbolic links as they are), with the folder of the package each belongs to. */
function filesOf(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesOf(path) : [path];
  });
}

/** The files of whole packages (assets a trace cannot see stay with them), less what package-trim.ts leaves out. */
function packageFiles(dirs: string[], reached: ReadonlySet<string>): string[] {
  return dirs.flatMap((dir) => filesOf(dir).filter((file) => leftOutOfImage(packageRootOf(file) ?? dir, file, reached) === undefined));
}

/**
 * Files of the packages the service reaches, this service's files and the shared libraries' files. `cache` is
 * nft's analysis cache: pass one object to every service's trace and each file the services share is read and
 * parsed once, not once per service (nft assumes the files do not change meanwhile, which holds in the build).
 */
export async function serviceFiles(service: string, cache: object): Promise<string[]> {
  const { fileList } = await nodeFileTrace([join(root, 'services', service, 'dist', 'main.js')], { base: root, cache });
  const packages = new Set<string>();
  const ownFiles = new Set<string>();
  for (const file of fileList) {
    const packageRoot = packageRootOf(file);
    // The workspace symlinks (node_modules/@docpipe/*) are listed themselves; their targets are own files.
    if (packageRoot && !packageRoot.startsWith('node_modules/@docpipe/')) packages.add(packageRoot);
    else ownFiles.add(file);
  }
  for (const dir of loadedByComputedName[service] ?? []) packages.add(dir);
  const serviceDir = join('services', service);
  const extras = [join(serviceDir, 'package.json'), join(serviceDir, 'dist'), join(serviceDir, 'model')];
  if (service === 'gateway') extras.push(join('web', 'dist'));
  const packageList = [...withInstalledOptionals(packages)].sort();
  // A package nested inside another listed one comes with its parent.
  const outermost = packageList.filter((dir) => !packageList.some((other) => other !== dir && dir.startsWith(`${other}/`)));
  const own = [...ownFiles, ...extras].filter((path) => existsSync(join(root, path)));
  const ownOutside = own.filter((path) => !outermost.some((dir) => path.startsWith(`${dir}/`)));
  return [...ownOutside, ...packageFiles(outermost, fileList), 'package.json'].sort();
}

async function main(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const cache: object = Object.create(null);
  for (const service of readdirSync(join(root, 'services')).sort()) {
    const files = await serviceFiles(service, cache);
    writeFileSync(join(outDir, `${service}.txt`), `${files.join('\n')}\n`);
    const packageFileCount = files.filter((path) => path.startsWith('node_modules/')).length;
    process.stdout.write(
      `${service}: ${packageFileCount} package files, ${files.length - packageFileCount} own paths -> ${relative(root, outDir)}` + '\n',
    );
  }
}

if (require.main === module) {
  const outDir = process.argv[2];
  if (!outDir) {
    process.stderr.write('usage: tsx deploy/containers/trace-services.ts <out dir>\n');
    process.exit(2);
  }
  main(outDir).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
