import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rabbitDefinitions, topologyMarkdown } from './definitions';
import { allQueues } from './queues';

// Regenerates the broker definitions and the queue table from the catalogue; a test keeps them in sync.
const root = join(__dirname, '..', '..', '..');
writeFileSync(join(root, 'deploy/rabbitmq/definitions.json'), `${JSON.stringify(rabbitDefinitions(allQueues), null, 2)}\n`);
writeFileSync(join(root, 'docs/queues.md'), topologyMarkdown(allQueues));
