import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rabbitDefinitions, topologyMarkdown } from '../src/definitions';
import { allQueues } from '../src/queues';
import { capturingLogger, openBus } from './support/broker';
import { isolatedVhost } from '@docpipe/stack';

const root = join(__dirname, '../../..');

describe('the RabbitMQ definitions file', () => {
  it('is what the queue catalogue generates (run `npm run topology:export -w @docpipe/events` after changing it)', () => {
    const committed = JSON.parse(readFileSync(join(root, 'deploy/rabbitmq/definitions.json'), 'utf8'));
    expect(committed).toEqual(rabbitDefinitions(allQueues));
    expect(readFileSync(join(root, 'docs/queues.md'), 'utf8')).toBe(topologyMarkdown(allQueues));
  });

  it('loads into RabbitMQ and matches what services declare in code', async () => {
    const vhost = await isolatedVhost('events');
    const definitions = rabbitDefinitions(allQueues, vhost.vhost);
    const response = await fetch(`${vhost.managementUrl}/api/definitions/${encodeURIComponent(vhost.vhost)}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify(definitions),
    });
    expect(response.status).toBeLessThan(300);

    // Declaring the same topology in code over the loaded one fails with PRECONDITION_FAILED on any mismatch.
    const bus = await openBus(vhost.url, allQueues, capturingLogger().logger);
    await bus.close();
    await vhost.remove();
  });
});
