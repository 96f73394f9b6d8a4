import { z } from 'zod';
import { ConfigError } from './errors';

/** Settings every service reads. Services extend this schema with their own. */
export const baseConfigSchema = z.object({
  RABBITMQ_URL: z.string().url().default('amqp://guest:guest@127.0.0.1:5672'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Reads and validates the environment once, at start-up; every problem is reported, not only the first. */
export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}
