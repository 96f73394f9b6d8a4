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

// One chunk per distractor, like the evaluation documents (the indexing service's default chunk size).
const MAX_CHARS = 1200;
const MIN_CHARS = 400;

/**
 * Real prose written by others that shares vocabulary with nothing in particular: every installed package's
 * README (its licence from its package.json), in name order, so the set is the same on every machine with the
 * same lockfile. Available offline, unlike any downloaded corpus.
 */
export function loadDistractors(nodeModules: string, count: number): Distractor[] {
  const distractors: Distractor[] = [];
  for (const dir of packageDirs(nodeModules)) {
    if (distractors.length >= count) break;
    const readme = readdirSync(dir).find((file) => /^readme\.(md|markdown|txt)$/i.test(file));
    const manifest = join(dir, 'package.json');
    if (!readme || !existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string; license?: unknown };
    const text = readFileSync(join(dir, readme), 'utf8')
      .replace(/<[^>]+>|!\[[^\]]*\]\([^)]*\)|```[\s\S]*?```/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .trim()
      .slice(0, MAX_CHARS);
    if (!pkg.name || text.length < MIN_CHARS) continue;
    distractors.push({
      name: `distractor/${pkg.name}`,
      text,
      source: `npm ${pkg.name}@${pkg.version ?? '?'} ${readme}`,
      licence: typeof pkg.license === 'string' ? pkg.license : 'see package',
    });
  }
  return distractors;
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
