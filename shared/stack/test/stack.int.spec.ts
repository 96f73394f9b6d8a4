import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import { Client as MinioClient } from 'minio';
import { Client } from 'pg';
import { stackEnv, startStack } from '../src';

describe('startStack', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'docpipe-stack-test-'));
  });

  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('starts RabbitMQ, PostgreSQL and S3 with its bucket, and stops them', async () => {
    const stack = await startStack({ dataDir, env: {}, ports: 'random' });
    const { endpoints } = stack;
    try {
      const connection = await amqp.connect(endpoints.rabbitmqUrl);
      await connection.close();
      const db = new Client({ connectionString: endpoints.databaseUrl });
      await db.connect();
      expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await db.end();
      const s3 = new URL(endpoints.s3.endpoint);
      const minio = new MinioClient({
        endPoint: s3.hostname,
        port: Number(s3.port),
        useSSL: false,
        accessKey: endpoints.s3.accessKey,
        secretKey: endpoints.s3.secretKey,
        region: endpoints.s3.region,
      });
      expect(await minio.bucketExists(endpoints.s3.bucket)).toBe(true);
      expect(stackEnv(endpoints)).toMatchObject({ RABBITMQ_URL: endpoints.rabbitmqUrl, S3_BUCKET: 'documents' });
    } finally {
      await stack.stop();
    }
    await expect(amqp.connect(endpoints.rabbitmqUrl)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('uses servers the environment already names instead of starting them', async () => {
    const env = { RABBITMQ_URL: 'amqp://u:secret@rabbit.example:5672', DATABASE_URL: 'postgres://db.example/x' };
    const logged: string[] = [];
    const stack = await startStack({ dataDir, env: { ...env, S3_BUCKET: 'mine' }, ports: 'random', log: (m) => logged.push(m) });
    try {
      expect(stack.endpoints).toMatchObject({
        rabbitmqUrl: env.RABBITMQ_URL,
        rabbitmqManagementUrl: 'http://rabbit.example:15672',
        databaseUrl: env.DATABASE_URL,
        s3: { bucket: 'mine' },
      });
      expect(logged.join('\n')).not.toContain('secret');
    } finally {
      await stack.stop();
    }
  });

  it('refuses an external S3 endpoint without credentials', async () => {
    await expect(startStack({ dataDir, env: { S3_ENDPOINT: 'http://s3.example' }, ports: 'random' })).rejects.toThrow(
      /S3_ACCESS_KEY and S3_SECRET_KEY/,
    );
  });
});
