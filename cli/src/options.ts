import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { usageError } from './exit-codes';

export type Values = Record<string, string | boolean | undefined>;

export function positiveInt(value: unknown, option: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 1_000_000)
    throw usageError(`${option} takes a whole number from 1, got "${String(value)}"`);
  return number;
}

export const splitTags = (value: unknown): string[] =>
  String(value ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/** The files named, folders expanded recursively; hidden files and folders are skipped. */
export async function collectFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw usageError(`No such file or folder: ${path}`);
    if (info.isFile()) files.push(path);
    else if (info.isDirectory()) files.push(...(await filesIn(path)));
  }
  return files;
}

async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith('.'))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(async (entry) => {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) return filesIn(path);
        return entry.isFile() ? [path] : [];
      }),
  );
  return nested.flat();
}

/** Runs `work` on every item with at most `limit` at a time, in order of the list. */
export async function eachLimit<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
