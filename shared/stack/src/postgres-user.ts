import { chmod, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runCommand } from './processes';

/** The account PostgreSQL runs under; undefined when not root (it then runs as the caller). */
export interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root, so as root it runs as user postgres (created if missing). */
export async function postgresRunAs(log: (message: string) => void): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookupUser('postgres');
  if (existing) return existing;
  const created = await runCommand(
    'useradd',
    ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
    { timeoutMs: 15_000 },
  );
  if (created.code !== 0) {
    throw new Error(`Could not create user postgres to run PostgreSQL as (useradd: ${created.output.trim()})`);
  }
  log('postgres: created system user postgres to run PostgreSQL as');
  const user = await lookupUser('postgres');
  if (!user) throw new Error('User postgres was created but `id postgres` does not find it');
  return user;
}

/** Makes every ancestor of dir traversable (o+x) for runAs, e.g. /root, which is 0700. */
export async function ensureTraversable(dir: string, runAs: RunAs, log: (message: string) => void): Promise<void> {
  for (const path of ancestors(dir)) {
    const info = await stat(path);
    const traversable =
      info.uid === runAs.uid ? (info.mode & 0o100) !== 0 : info.gid === runAs.gid ? (info.mode & 0o010) !== 0 : (info.mode & 0o001) !== 0;
    if (traversable) continue;
    await chmod(path, (info.mode & 0o7777) | 0o001);
    log(`postgres: made ${path} traversable (o+x) so user postgres can reach its data directory`);
  }
}

async function lookupUser(name: string): Promise<RunAs | undefined> {
  const [uid, gid] = await Promise.all([
    runCommand('id', ['-u', name], { timeoutMs: 5_000 }),
    runCommand('id', ['-g', name], { timeoutMs: 5_000 }),
  ]);
  if (uid.code !== 0 || gid.code !== 0) return undefined;
  return { uid: Number.parseInt(uid.output, 10), gid: Number.parseInt(gid.output, 10) };
}

function ancestors(dir: string): string[] {
  const parent = dirname(dir);
  return parent === dir ? [dir] : [...ancestors(parent), dir];
}
