import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { transformFile } from '@swc/core';

const repoRoot = join(__dirname, '..', '..', '..', '..');

/**
 * Compiles a service and the shared libraries it uses to plain CommonJS in `outDir`, as the build
 * does, and answers the path of its main.js: memory is measured on the process as deployed, without
 * a TypeScript loader (which alone adds some 30 MB of RSS) in it.
 */
export async function compileService(name: string, libraries: string[], outDir: string): Promise<string> {
  const sources = [join(repoRoot, 'services', name, 'src'), ...libraries.map((library) => join(repoRoot, 'shared', library, 'src'))];
  for (const source of sources) await compileTree(source, outDir);
  // @docpipe/<library> resolves to the compiled sources; everything else to the repository's node_modules (NODE_PATH).
  await mkdir(join(outDir, 'node_modules', '@docpipe'), { recursive: true });
  for (const library of libraries) {
    await symlink(join(outDir, 'shared', library, 'src'), join(outDir, 'node_modules', '@docpipe', library), 'dir');
  }
  return join(outDir, 'services', name, 'src', 'main.js');
}

export const nodePathForCompiled = join(repoRoot, 'node_modules');

async function compileTree(directory: string, outDir: string): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) await compileTree(path, outDir);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const target = join(outDir, relative(repoRoot, path)).replace(/\.ts$/, '.js');
      const { code } = await transformFile(path, {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      });
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, code);
    }
  }
}
