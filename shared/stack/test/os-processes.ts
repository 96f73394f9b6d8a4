import { execFileSync } from 'node:child_process';

/** Command lines of running processes (not zombies) that contain every given fragment. */
export function processesMatching(...fragments: string[]): string[] {
  return execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('Z'))
    .filter((line) => fragments.every((fragment) => line.includes(fragment)));
}
