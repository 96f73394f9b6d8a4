import { decodeEvent } from '../src/decode';
import { createEnvelope } from '../src/create-envelope';
import { InvalidMessageError } from '../src/errors';
import { DocumentUploaded } from '@docpipe/contracts';
import { delayQueueLengths, jitteredDelay, retryDelays } from '../src/topology';

const origin = { correlationId: 'c', causationId: null, tenantId: 't', documentId: 'd' };
const uploaded = {
  objectKey: 'originals/t/d',
  sha256: 'a'.repeat(64),
  sizeBytes: 10,
  mediaType: 'application/pdf',
  fileName: 'a.pdf',
  tags: [],
};

describe('event contracts', () => {
  it('refuse to build an envelope whose payload breaks the contract', () => {
    expect(() => createEnvelope(DocumentUploaded, { ...uploaded, sha256: 'nope' }, origin)).toThrow();
  });

  it('decode what they encode', () => {
    const envelope = createEnvelope(DocumentUploaded, uploaded, origin);
    expect(decodeEvent(Buffer.from(JSON.stringify(envelope)), [DocumentUploaded])).toEqual(envelope);
  });

  it('name what is wrong with a message they cannot accept', () => {
    const envelope = createEnvelope(DocumentUploaded, uploaded, origin);
    const decode = (body: unknown) => () => decodeEvent(Buffer.from(JSON.stringify(body)), [DocumentUploaded]);
    expect(decode({ ...envelope, version: 2 })).toThrow('This queue does not accept document.uploaded v2');
    expect(decode({ ...envelope, id: 'x' })).toThrow(/Invalid envelope: id/);
    expect(decode({ ...envelope, payload: { ...uploaded, sizeBytes: -1 } })).toThrow(InvalidMessageError);
  });
});

describe('retry delays', () => {
  it('grow geometrically, one fewer than the attempts', () => {
    expect(retryDelays({ maxAttempts: 5, initialDelayMs: 1000, multiplier: 4 })).toEqual([1000, 4000, 16000, 64000]);
    expect(retryDelays({ maxAttempts: 1, initialDelayMs: 1000, multiplier: 4 })).toEqual([]);
  });

  it('are jittered to ×1, ×1.25 or ×1.5, each length a declared delay queue', () => {
    expect([0, 0.4, 0.7, 0.999999].map((draw) => jitteredDelay(4000, () => draw))).toEqual([4000, 5000, 6000, 6000]);
    const policy = { maxAttempts: 3, initialDelayMs: 1000, multiplier: 4 };
    expect(delayQueueLengths(policy)).toEqual([1000, 1250, 1500, 4000, 5000, 6000]);
    const drawn = new Set(Array.from({ length: 200 }, () => jitteredDelay(1000)));
    expect([...drawn].sort()).toEqual([1000, 1250, 1500]);
  });
});
