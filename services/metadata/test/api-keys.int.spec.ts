import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { BrokerConnection, LiveSubscription } from '@docpipe/events';
import {
  ApiKeyIssued,
  ApiKeyRevoked,
  CreateApiKey,
  ListActiveApiKeys,
  ListApiKeys,
  RevokeApiKey,
  RotateApiKey,
  type Envelope,
} from '@docpipe/contracts';
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
  function rotation(keyId: string) {
    const { keyId: newKeyId, prefix, sha256 } = newKey('unused');
    return { keyId, newKeyId, prefix, sha256, createdBy: 'admin:rotator' };
  }

  it('rotates a key in one step: the new key keeps name, scopes and expiry, the old is revoked, both are announced', async () => {
    const tenantId = newTenant();
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const old = { ...newKey(tenantId, expiresAt), scopes: ['read'] as ('read' | 'write')[] };
    await metadata.caller.call(CreateApiKey, old);
    const request = rotation(old.keyId);
    const rotated = await metadata.caller.call(RotateApiKey, request);
    expect(rotated).toMatchObject({
      keyId: request.newKeyId,
      tenantId,
      name: old.name,
      prefix: request.prefix,
      scopes: ['read'],
      expiresAt,
      createdBy: 'admin:rotator',
      revokedAt: null,
    });

    const listed = (await metadata.caller.call(ListApiKeys, { tenantId })).items;
    expect(listed.find(({ keyId }) => keyId === old.keyId)?.revokedAt).toBe(rotated.createdAt);
    const active = (await metadata.caller.call(ListActiveApiKeys, {})).items.map(({ keyId }) => keyId);
    expect(active).toContain(request.newKeyId);
    expect(active).not.toContain(old.keyId);
    await eventually(async () => {
      expect(announced).toContainEqual(expect.objectContaining({ type: 'api-key.issued', documentId: request.newKeyId, tenantId }));
      expect(announced).toContainEqual(
        expect.objectContaining({ type: 'api-key.revoked', documentId: old.keyId, payload: { keyId: old.keyId, sha256: old.sha256 } }),
      );
    });
  });

  it('leaves the old key live and records nothing when the rotation fails', async () => {
    const tenantId = newTenant();
    const old = newKey(tenantId);
    const other = newKey(tenantId);
    await metadata.caller.call(CreateApiKey, old);
    await metadata.caller.call(CreateApiKey, other);
    // The new key's hash is already recorded: the insert fails after the old key was locked for revocation.
    const request = { ...rotation(old.keyId), sha256: other.sha256 };
    await expect(metadata.caller.call(RotateApiKey, request)).rejects.toMatchObject({ code: 'api_key_conflict' });

    const listed = (await metadata.caller.call(ListApiKeys, { tenantId })).items;
    expect(listed.map(({ keyId }) => keyId).sort()).toEqual([old.keyId, other.keyId].sort());
    expect(listed.every(({ revokedAt }) => revokedAt === null)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(announced.filter((event) => event.documentId === old.keyId && event.type === 'api-key.revoked')).toHaveLength(0);
    expect(announced.filter((event) => event.documentId === request.newKeyId)).toHaveLength(0);
  });

  it('lets only one of two simultaneous rotations of a key succeed; the other answers api_key_revoked_conflict', async () => {
    const tenantId = newTenant();
    const old = newKey(tenantId);
    await metadata.caller.call(CreateApiKey, old);
    const outcomes = await Promise.allSettled([
      metadata.caller.call(RotateApiKey, rotation(old.keyId)),
      metadata.caller.call(RotateApiKey, rotation(old.keyId)),
    ]);
    expect(outcomes.filter(({ status }) => status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find(({ status }) => status === 'rejected')).toMatchObject({ reason: { code: 'api_key_revoked_conflict' } });
    const listed = (await metadata.caller.call(ListApiKeys, { tenantId })).items;
    expect(listed.filter(({ revokedAt }) => revokedAt === null)).toHaveLength(1);
  });

  it('answers api_key_not_found when rotating an unknown key', async () => {
    await expect(metadata.caller.call(RotateApiKey, rotation(randomUUID()))).rejects.toMatchObject({ code: 'api_key_not_found' });
  });
});
