import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { BrokerConnection, LiveSubscription } from '@docpipe/events';
import { ApiKeyIssued, ApiKeyRevoked, CreateApiKey, ListActiveApiKeys, ListApiKeys, RevokeApiKey, type Envelope } from '@docpipe/contracts';
import { createLogger } from '@docpipe/platform';
import { newTenant } from './support/documents';
import { eventually, startMetadata, type MetadataUnderTest } from './support/metadata-under-test';

describe('API keys created at run time', () => {
  let metadata: MetadataUnderTest;
  let listener: BrokerConnection;
  const announced: Envelope<typeof ApiKeyIssued | typeof ApiKeyRevoked>[] = [];

  beforeAll(async () => {
    metadata = await startMetadata();
    const logger = createLogger({ service: 'metadata-test-listener', level: 'silent' });
    listener = new BrokerConnection({ url: metadata.rabbitmqUrl, connectionName: 'api-key-listener', logger });
    await new LiveSubscription(listener, [ApiKeyIssued, ApiKeyRevoked], async (event) => void announced.push(event), { logger }).start();
    listener.start();
    await listener.whenConnected();
  });

  afterAll(async () => {
    await listener?.close();
    await metadata?.stop();
  });

  function newKey(tenantId: string, expiresAt: string | null = null) {
    const secret = `dpk_${randomBytes(24).toString('base64url')}`;
    return {
      keyId: randomUUID(),
      tenantId,
      name: 'ci uploader',
      prefix: secret.slice(0, 8),
      sha256: createHash('sha256').update(secret).digest('hex'),
      scopes: ['read', 'write'] as ('read' | 'write')[],
      expiresAt,
      createdBy: 'admin:test',
    };
  }

  it('records a key by its hash, lists it without the hash, and announces it with the hash', async () => {
    const tenantId = newTenant();
    const key = newKey(tenantId);
    const view = await metadata.caller.call(CreateApiKey, key);
    expect(view).toMatchObject({
      keyId: key.keyId,
      tenantId,
      name: 'ci uploader',
      prefix: key.prefix,
      scopes: ['read', 'write'],
      revokedAt: null,
    });
    expect(view).not.toHaveProperty('sha256');

    expect((await metadata.caller.call(ListApiKeys, { tenantId })).items).toEqual([view]);
    const active = (await metadata.caller.call(ListActiveApiKeys, {})).items;
    expect(active).toContainEqual({ keyId: key.keyId, tenantId, sha256: key.sha256, scopes: ['read', 'write'], expiresAt: null });

    await eventually(async () =>
      expect(announced).toContainEqual(
        expect.objectContaining({
          type: 'api-key.issued',
          tenantId,
          documentId: key.keyId,
          payload: expect.objectContaining({ sha256: key.sha256 }),
        }),
      ),
    );
  });

  it('revokes a key once: it leaves the active list, is announced, and a second revocation changes nothing', async () => {
    const key = newKey(newTenant());
    await metadata.caller.call(CreateApiKey, key);
    const revoked = await metadata.caller.call(RevokeApiKey, { keyId: key.keyId });
    expect(revoked.revokedAt).not.toBeNull();
    expect((await metadata.caller.call(ListActiveApiKeys, {})).items.map(({ keyId }) => keyId)).not.toContain(key.keyId);
    await eventually(async () =>
      expect(announced.filter((event) => event.type === 'api-key.revoked' && event.documentId === key.keyId)).toHaveLength(1),
    );

    expect(await metadata.caller.call(RevokeApiKey, { keyId: key.keyId })).toEqual(revoked);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(announced.filter((event) => event.type === 'api-key.revoked' && event.documentId === key.keyId)).toHaveLength(1);
  });

  it('leaves expired keys out of the active list', async () => {
    const expired = newKey(newTenant(), new Date(Date.now() - 60_000).toISOString());
    await metadata.caller.call(CreateApiKey, expired);
    expect((await metadata.caller.call(ListActiveApiKeys, {})).items.map(({ keyId }) => keyId)).not.toContain(expired.keyId);
  });

  it('answers api_key_not_found for an unknown key and api_key_conflict for a hash recorded twice', async () => {
    await expect(metadata.caller.call(RevokeApiKey, { keyId: randomUUID() })).rejects.toMatchObject({ code: 'api_key_not_found' });
    const key = newKey(newTenant());
    await metadata.caller.call(CreateApiKey, key);
    await expect(metadata.caller.call(CreateApiKey, { ...key, keyId: randomUUID() })).rejects.toMatchObject({ code: 'api_key_conflict' });
  });
});
