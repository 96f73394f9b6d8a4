import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from '../src';

const schema = baseConfigSchema.extend({ PORT: z.coerce.number().int().min(0).max(65535) });

describe('loadConfig', () => {
  it('types and defaults the environment', () => {
    expect(loadConfig(schema, { PORT: '3100' })).toEqual({
      PORT: 3100,
      RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
      LOG_LEVEL: 'info',
    });
  });

  it('reports every invalid variable by name, not only the first', () => {
    let error: unknown;
    try {
      loadConfig(schema, { PORT: 'eighty', RABBITMQ_URL: 'not a url', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'RABBITMQ_URL']);
  });
});
