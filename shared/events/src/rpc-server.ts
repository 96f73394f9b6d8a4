import { randomUUID } from 'node:crypto';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { AppError, errorMessage, runInContext, type Logger } from '@docpipe/platform';
import type { BrokerConnection } from './connection';
import { describeIssues, transportErrorCodes, type ProgressReply, type Reply, type RequestContract } from '@docpipe/contracts';
import { requestQueueOf } from './topology';
import { contextFromHeaders, inSpan, messageAttributes } from './tracing';

/** Sends part of the answer ahead of it; only for a request whose contract has `progress`. */
export type ReportProgress = (progress: unknown) => void;

export type RequestHandler = (request: unknown, report: ReportProgress) => Promise<unknown>;

/**
 * Answers a service's requests from `<service>.requests`. Invalid requests and handler errors are
 * answered as errors with their code; only an unexpected error reads as `internal_error`, and is logged.
 */
export class RpcServer {
  private channel?: Channel;
  private consumerTag?: string;

  constructor(
    private readonly connection: BrokerConnection,
    private readonly service: string,
    private readonly handlers: ReadonlyMap<string, { contract: RequestContract; handle: RequestHandler }>,
    private readonly options: { prefetch: number; logger: Logger },
  ) {}

  async start(): Promise<void> {
    if (this.handlers.size === 0) return;
    await this.connection.onConnect((connection) => this.subscribe(connection));
  }

  async stop(): Promise<void> {
    if (this.channel && this.consumerTag) await this.channel.cancel(this.consumerTag).catch(() => undefined);
    await this.channel?.close().catch(() => undefined);
    this.channel = undefined;
  }

  private async subscribe(connection: ChannelModel): Promise<void> {
    const channel = await connection.createChannel();
    channel.on('error', (error: Error) => this.options.logger.warn({ err: error }, 'request channel error'));
    const queue = requestQueueOf(this.service);
    await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.prefetch(this.options.prefetch);
    const { consumerTag } = await channel.consume(queue, (message) => message && void this.answer(channel, message));
    this.channel = channel;
    this.consumerTag = consumerTag;
  }

  private async answer(channel: Channel, message: ConsumeMessage): Promise<void> {
    const { headers = {}, replyTo, correlationId, type } = message.properties;
    const context = {
      correlationId: String(headers['x-correlation-id'] ?? randomUUID()),
      tenantId: headers['x-tenant-id'] as string | undefined,
    };
    const attributes = () =>
      messageAttributes({
        destination: requestQueueOf(this.service),
        messageId: correlationId,
        correlationId: context.correlationId,
        type,
        tenantId: context.tenantId,
      });
    const reply = await inSpan(
      `${String(type)} answer`,
      { kind: SpanKind.SERVER, attributes },
      contextFromHeaders(headers),
      async (span) => {
        const send = (body: Reply | ProgressReply) => this.sendBack(channel, replyTo, correlationId, body);
        const answer = await runInContext(context, () => this.reply(String(type), message.content, send));
        if (!answer.ok) {
          span.setAttribute('docpipe.error_code', answer.error.code);
          // A refusal the caller can act on (not found, invalid) is the protocol working; only a failure is an error.
          if (answer.error.code === 'internal_error') span.setStatus({ code: SpanStatusCode.ERROR, message: answer.error.message });
        }
        return answer;
      },
    );
    this.sendBack(channel, replyTo, correlationId, reply);
    try {
      channel.ack(message);
    } catch (error) {
      this.options.logger.debug({ reason: errorMessage(error) }, 'request channel closed before the ack');
    }
  }

  /** The answer, or progress ahead of it, to the caller's reply-to (none: nobody waits for it). */
  private sendBack(channel: Channel, replyTo: string | undefined, correlationId: unknown, body: Reply | ProgressReply): void {
    if (!replyTo) return;
    try {
      channel.sendToQueue(replyTo, Buffer.from(JSON.stringify(body)), {
        correlationId: correlationId as string,
        contentType: 'application/json',
      });
    } catch (error) {
      // The channel closed: the caller's call fails at once (or times out), and the broker redelivers the request.
      this.options.logger.debug({ reason: errorMessage(error) }, 'request channel closed before the reply');
    }
  }

  private async reply(type: string, content: Buffer, send: (body: ProgressReply) => void): Promise<Reply> {
    const handler = this.handlers.get(type);
    if (!handler) return failure('unknown_request', `${this.service} does not answer ${type}`);
    // Validated here like the answer, so a caller only ever sees progress its contract describes.
    const { progress } = handler.contract;
    const report: ReportProgress = (partial) => {
      if (!progress) throw new AppError('internal_error', `${type} has no progress in its contract; answer it whole`);
      send({ progress: progress.parse(partial) });
    };
    let body: unknown;
    try {
      body = JSON.parse(content.toString('utf8'));
    } catch {
      return failure('invalid_request', `The ${type} request is not JSON`);
    }
    const request = handler.contract.request.safeParse(body);
    if (!request.success) return failure('invalid_request', `Invalid ${type} request: ${describeIssues(request.error.issues)}`);
    try {
      return { ok: true, result: await handler.handle(request.data, report) };
    } catch (error) {
      if (error instanceof AppError) {
        // Still answered with its code (the caller maps an unknown one to a generic failure), but a code the
        // contract does not enumerate is a gap in it: said here, where it happens.
        if (![...handler.contract.errors, ...transportErrorCodes].includes(error.code)) {
          this.options.logger.warn(
            { err: error, request: type, code: error.code },
            'request answered with an error code its contract does not list',
          );
        }
        return failure(error.code, error.message);
      }
      this.options.logger.error({ err: error, request: type }, 'request handler failed');
      return failure('internal_error', `${this.service} failed to answer ${type}`);
    }
  }
}

function failure(code: string, message: string): Reply {
  return { ok: false, error: { code, message } };
}
