import { randomUUID } from 'node:crypto';
import { context, SpanKind } from '@opentelemetry/api';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { AppError, currentContext, type Logger } from '@docpipe/platform';
import type { BrokerConnection } from './connection';
import {
  describeIssues,
  type ProgressOf,
  type ProgressReply,
  type Reply,
  type RequestContract,
  type RequestOf,
  type ResponseOf,
} from '@docpipe/contracts';
import { requestQueueOf } from './topology';
import { inSpan, messageAttributes, traceHeaders } from './tracing';

const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';

/** The responder answered with an error (not found, invalid input, …): `code` says which. */
export class RemoteError extends AppError {}

interface Pending {
  contract: RequestContract;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  onProgress?: (progress: unknown) => void;
}

/**
 * Sends requests and awaits replies over RabbitMQ's direct reply-to: no reply queue to declare or
 * clean up. A request expires in the broker when its timeout passes, so a late responder never acts
 * on a question nobody waits for any more.
 */
export class RpcClient {
  private channel?: Channel;
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly connection: BrokerConnection,
    private readonly options: { timeoutMs: number; logger: Logger },
  ) {}

  async start(): Promise<void> {
    await this.connection.onConnect((connection) => this.openChannel(connection));
  }

  /**
   * `onProgress` receives, in order and before the answer, what the responder sends ahead of it (a contract with
   * `progress`); the timeout still counts from the request.
   */
  call<C extends RequestContract>(
    contract: C,
    request: RequestOf<C>,
    timeoutMs = this.options.timeoutMs,
    onProgress?: (progress: ProgressOf<C>) => void,
  ): Promise<ResponseOf<C>> {
    const body = contract.request.safeParse(request);
    if (!body.success) {
      return Promise.reject(new RemoteError('invalid_request', `Invalid ${contract.name} request: ${describeIssues(body.error.issues)}`));
    }
    const id = randomUUID();
    const work = currentContext();
    const attributes = () =>
      messageAttributes({
        destination: requestQueueOf(contract.service),
        messageId: id,
        correlationId: work?.correlationId,
        type: contract.name,
        tenantId: work?.tenantId,
      });
    // A CLIENT span from the send to the reply (or the timeout); the responder's span is its child.
    return inSpan(`${contract.name} request`, { kind: SpanKind.CLIENT, attributes }, context.active(), () =>
      this.send<C>(contract, body.data, id, timeoutMs, onProgress as ((progress: unknown) => void) | undefined),
    );
  }

  private send<C extends RequestContract>(
    contract: C,
    body: unknown,
    id: string,
    timeoutMs: number,
    onProgress?: (progress: unknown) => void,
  ): Promise<ResponseOf<C>> {
    const channel = this.channel;
    if (!channel) return Promise.reject(new RemoteError('service_unavailable', 'RabbitMQ is unreachable; try again shortly'));
    const work = currentContext();
    return new Promise<ResponseOf<C>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RemoteError('timeout', `${contract.service} did not answer ${contract.name} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { contract, resolve: resolve as (value: unknown) => void, reject, timer, onProgress });
      channel.sendToQueue(requestQueueOf(contract.service), Buffer.from(JSON.stringify(body)), {
        correlationId: id,
        replyTo: DIRECT_REPLY_TO,
        type: contract.name,
        expiration: String(timeoutMs),
        contentType: 'application/json',
        headers: { 'x-correlation-id': work?.correlationId, 'x-tenant-id': work?.tenantId, ...traceHeaders() },
      });
    });
  }

  private async openChannel(connection: ChannelModel): Promise<void> {
    const channel = await connection.createChannel();
    channel.on('error', (error: Error) => this.options.logger.warn({ err: error }, 'request channel error'));
    channel.on('close', () => this.onClosed(channel));
    await channel.consume(DIRECT_REPLY_TO, (message) => message && this.onReply(message), { noAck: true });
    this.channel = channel;
  }

  private onReply(message: ConsumeMessage): void {
    const id = message.properties.correlationId as string;
    const pending = this.pending.get(id);
    if (!pending) return;
    const reply = JSON.parse(message.content.toString('utf8')) as Reply | ProgressReply;
    if ('progress' in reply) return this.onProgress(pending, reply.progress);
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (!reply.ok) return pending.reject(new RemoteError(reply.error.code, reply.error.message));
    const parsed = pending.contract.response.safeParse(reply.result);
    if (parsed.success) pending.resolve(parsed.data);
    else pending.reject(new RemoteError('invalid_reply', `${pending.contract.name} answered with an invalid result`));
  }

  /** A caller without a listener, or progress its contract does not describe, waits for the answer alone. */
  private onProgress(pending: Pending, progress: unknown): void {
    if (!pending.onProgress) return;
    const parsed = pending.contract.progress?.safeParse(progress);
    if (!parsed?.success) {
      this.options.logger.warn({ request: pending.contract.name }, 'dropped a progress message its contract does not describe');
      return;
    }
    try {
      pending.onProgress?.(parsed.data);
    } catch (error) {
      // The caller's listener failed (its client went away): the call still ends with the answer or its timeout.
      this.options.logger.warn({ err: error, request: pending.contract.name }, 'a progress listener failed');
    }
  }

  /** Replies to a lost channel can never arrive: fail the waiting calls now rather than at their timeout. */
  private onClosed(channel: Channel): void {
    if (this.channel !== channel) return;
    this.channel = undefined;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new RemoteError('service_unavailable', 'The connection to RabbitMQ was lost; try again'));
      this.pending.delete(id);
    }
  }
}
