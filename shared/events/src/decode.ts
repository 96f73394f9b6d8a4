import { describeIssues, envelopeSchema, type Envelope, type EventContract } from '@docpipe/contracts';
import { InvalidMessageError } from './errors';

/** Parses and validates a message body against the contracts a queue accepts. */
export function decodeEvent<C extends EventContract>(content: Buffer, contracts: readonly C[]): Envelope<C> {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    throw new InvalidMessageError('The message body is not JSON');
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new InvalidMessageError(`Invalid envelope: ${describeIssues(envelope.error.issues)}`);
  const { type, version } = envelope.data;
  const contract = contracts.find((candidate) => candidate.type === type && candidate.version === version);
  if (!contract) throw new InvalidMessageError(`This queue does not accept ${type} v${version}`);
  const payload = contract.payload.safeParse(envelope.data.payload);
  if (!payload.success) throw new InvalidMessageError(`Invalid ${type} v${version} payload: ${describeIssues(payload.error.issues)}`);
  return { ...envelope.data, type: contract.type, payload: payload.data } as Envelope<C>;
}
