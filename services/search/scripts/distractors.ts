/* Distractor documents for the search evaluation: README files of the npm packages installed in node_modules. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Distractor {
  /** `distractor/<package>`, also the document id in the index. */
  name: string;
  text: string;
  /** Where it comes from and under which licence, as the package declares them. */
  source: string;
  licence: string;
}

// One chunk per distractor, like the evaluation documents (the indexing service's default chunk size); a long
// README gives up to PARTS distractors, one per successive 1,200 characters.
const MAX_CHARS = 1200;
const MIN_CHARS = 400;
const PARTS = 2;

/**
 * Real prose written by others that shares vocabulary with nothing in particular: every installed package's
 * README (its licence from its package.json), in name order, so the set is the same on every machine with the
 * same lockfile. Available offline, unlike any downloaded corpus. The first parts of every README come
 * before any second part, so a small count still spans many packages.
 */
export function loadDistractors(nodeModules: string, count: number): Distractor[] {
  const readmes = packageDirs(nodeModules).flatMap((dir) => readmeOf(dir) ?? []);
  const distractors: Distractor[] = [];
  for (let part = 0; part < PARTS; part++)
    for (const { name, version, file, text, licence } of readmes) {
      const slice = text.slice(part * MAX_CHARS, (part + 1) * MAX_CHARS).trim();
      if (distractors.length >= count) return distractors;
      if (slice.length < MIN_CHARS) continue;
      distractors.push({
        name: `distractor/${name}${part === 0 ? '' : `#${part + 1}`}`,
        text: slice,
        source: `npm ${name}@${version} ${file}`,
        licence,
      });
    }
  return distractors;
}

function readmeOf(dir: string): { name: string; version: string; file: string; text: string; licence: string } | undefined {
  const file = readdirSync(dir).find((entry) => /^readme\.(md|markdown|txt)$/i.test(entry));
  const manifest = join(dir, 'package.json');
  if (!file || !existsSync(manifest)) return undefined;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string; license?: unknown };
  if (!pkg.name) return undefined;
  const text = readFileSync(join(dir, file), 'utf8')
    .replace(/<[^>]+>|!\[[^\]]*\]\([^)]*\)|```[\s\S]*?```/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return {
    name: pkg.name,
    version: pkg.version ?? '?',
    file,
    text,
    licence: typeof pkg.license === 'string' ? pkg.license : 'see package',
  };
}

function packageDirs(nodeModules: string): string[] {
  return readdirSync(nodeModules, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) =>
      name.startsWith('@')
        ? readdirSync(join(nodeModules, name), { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => join(nodeModules, name, entry.name))
            .sort()
        : [join(nodeModules, name)],
    );
}
