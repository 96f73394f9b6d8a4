import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { offlineCompose } from '../containers/offline-compose';
import { interpolate, podmanComposeFile, shellWord } from '../containers/podman-compose-file';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the merged offline compose file as podman-compose 1.0.3 reads it', () => {
  it('substitutes variables with the compose-spec rules for unset, empty and escaped values', () => {
    const env = { SET: 'value', EMPTY: '' };
    expect(interpolate('${UNSET:-}|${EMPTY:-fallback}|${EMPTY-kept}|${UNSET-default}|${SET:-no}|$SET', env)).toBe(
      '|fallback||default|value|value',
    );
    expect(interpolate('$$HOME stays for the container shell', env)).toBe('$$HOME stays for the container shell');
    expect(interpolate('${PASSWORD}', { PASSWORD: 'a$b' })).toBe('a$$b');
    expect(() => interpolate('${REQUIRED:?set REQUIRED}', env)).toThrow('set REQUIRED');
  });

  it('quotes a word so that sh reads it back unchanged', () => {
    const word = `fetch('http://x/'+a).then(r=>process.exit(r.ok?0:1)) "$HOME"`;
    expect(execFileSync('sh', ['-c', `printf %s ${shellWord(word)}`], { encoding: 'utf8' })).toBe(word);
  });

  it('leaves no unresolved variable, no list healthcheck and no plain `no` that YAML 1.1 would read as false', () => {
    const tree = offlineCompose(read('docker-compose-microservices.yml'), read('deploy/compose.offline.yml'));
    const text = podmanComposeFile(tree, {});
    expect(text).not.toMatch(/\$\{/);
    const written = parse(text, { version: '1.1' }) as { services: Record<string, { healthcheck?: { test: unknown }; restart?: unknown }> };
    for (const [name, service] of Object.entries(written.services)) {
      if (service.healthcheck) expect([name, typeof service.healthcheck.test]).toEqual([name, 'string']);
      if (service.restart !== undefined) expect([name, typeof service.restart]).toEqual([name, 'string']);
    }
    expect(written.services['rabbitmq-topology']?.restart).toBe('no');
  });
});
