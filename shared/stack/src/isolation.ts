import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createVhost, deleteVhost } from './rabbitmq-management';

/** A vhost of its own on the test broker, so suites never see each other's queues. */
export interface IsolatedVhost {
  /** RABBITMQ_URL pointing at the new vhost */
  url: string;
  vhost: string;
  managementUrl: string;
  remove(): Promise<void>;
}

/** A database of its own on the test server, so a suite runs real migrations on an empty schema. */
export interface IsolatedDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates `<prefix>-<random>` on the broker of RABBITMQ_URL / RABBITMQ_MANAGEMENT_URL. */
export async function isolatedVhost(prefix: string, env: NodeJS.ProcessEnv = process.env): Promise<IsolatedVhost> {
  const managementUrl = required(env, 'RABBITMQ_MANAGEMENT_URL');
  const vhost = `${prefix}-${randomBytes(6).toString('hex')}`;
  await createVhost(managementUrl, vhost);
  const url = new URL(required(env, 'RABBITMQ_URL'));
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return { url: url.toString(), vhost, managementUrl, remove: () => deleteVhost(managementUrl, vhost) };
}

/** Creates `<prefix>_<random>` on the server of DATABASE_URL; prefix must be a plain identifier. */
export async function isolatedDatabase(prefix: string, env: NodeJS.ProcessEnv = process.env): Promise<IsolatedDatabase> {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`Database prefix "${prefix}" must match [a-z][a-z0-9_]*`);
  const serverUrl = required(env, 'DATABASE_URL');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest, whose global setup starts the stack`);
  return value;
}

async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
