// A merged compose tree written the way podman-compose 1.0.3 (Debian 12) reads it as the compose spec means it.
// Three of its readings differ from the spec, each found by running the stack under it:
// - `${VAR:-}` (empty default) is left in the value as it stands, and `${VAR:-default}` keeps an empty VAR;
//   the gateway then read CORS_ORIGINS='${CORS_ORIGINS:-}' and exited. So variables are substituted here.
// - A `CMD` healthcheck's words are joined into one shell word ("node -e ..." as a command name), so every
//   healthcheck failed; and it pops the type off a list test, which the replicas of a service share, so the
//   second copy of a scaled service had none and was refused. So every list test becomes the spec's equivalent
//   string (a shell command), its `CMD` words quoted for the shell.
// - It parses YAML 1.1, where a plain `no` is false: `restart: 'no'` became `--restart False` and podman refused
//   to create the one-shot jobs. So the file is written as YAML 1.1, which quotes such strings.
import { stringify } from 'yaml';

type Tree = Record<string, unknown>;

const isMapping = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

const VARIABLE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Compose-spec interpolation; `$$` stays `$$` (podman-compose turns it into `$`), and so does a `$` in a value. */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(VARIABLE, (match, escaped, braced, colon, operator, argument, plain) => {
    if (escaped) return match;
    const name = (braced ?? plain) as string;
    const value = env[name];
    const missing = value === undefined || (colon === ':' && value === '');
    if (operator === '?' && missing) throw new Error(`${name} must be set: ${argument || 'required by the compose file'}`);
    const result = operator === '-' && missing ? (argument as string) : (value ?? '');
    return result.replaceAll('$', '$$$$');
  });
}

function interpolateTree(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateTree(item, env));
  if (isMapping(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateTree(item, env)]));
  return value;
}

/** One word for a POSIX shell: single-quoted, with each `'` closed, escaped and reopened. */
export const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

function shellHealthcheck(service: Tree): Tree {
  const healthcheck = service['healthcheck'];
  if (!isMapping(healthcheck) || !Array.isArray(healthcheck['test'])) return service;
  const [type, ...words] = healthcheck['test'] as string[];
  if (type === 'NONE') return service;
  const test = type === 'CMD' ? words.map(shellWord).join(' ') : words.join(' ');
  return { ...service, healthcheck: { ...healthcheck, test } };
}

export function podmanComposeFile(tree: Tree, env: Record<string, string | undefined>): string {
  const interpolated = interpolateTree(tree, env) as Tree;
  const services = Object.fromEntries(
    Object.entries(interpolated['services'] as Record<string, Tree>).map(([name, service]) => [name, shellHealthcheck(service)]),
  );
  return stringify({ ...interpolated, services }, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}
