import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIssues } from '../src';
import { eventContracts, eventMessageSchema } from '../scripts/json-schemas';

// Messages the services really published (npm run record:messages -w @docpipe/e2e), one folder per routing key. A
// reader of vN must keep accepting every vN message ever recorded: a change that refuses one needs a v(N+1) instead.
const recorded = join(__dirname, '..', 'recorded');
const routingKeys = readdirSync(recorded).sort();
const messages = routingKeys.flatMap((routingKey) =>
  readdirSync(join(recorded, routingKey)).map((file) => ({ routingKey, file, path: join(recorded, routingKey, file) })),
);

describe('recorded messages', () => {
  const contracts = new Map(eventContracts().map((contract) => [contract.routingKey, contract]));

  it('exist for every event version', () => {
    expect([...contracts.keys()].filter((routingKey) => !routingKeys.includes(routingKey))).toEqual([]);
  });

  it('each have a contract that still reads their version', () => {
    expect(routingKeys.filter((routingKey) => !contracts.has(routingKey))).toEqual([]);
  });

  it.each(messages)('$routingKey/$file is accepted by the current schema of its version', ({ routingKey, path }) => {
    const contract = contracts.get(routingKey);
    if (!contract) throw new Error(`No contract reads ${routingKey} any more`);
    const parsed = eventMessageSchema(contract).safeParse(JSON.parse(readFileSync(path, 'utf8')));
    expect(parsed.success ? 'accepted' : describeIssues(parsed.error.issues)).toBe('accepted');
  });
});
