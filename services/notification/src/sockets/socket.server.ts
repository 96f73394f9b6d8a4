import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Server } from 'socket.io';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { KeyUse } from '@docpipe/events';
import { Authenticator, AuthFailures, LOGGER, runInContext, type Logger } from '@docpipe/platform';
import { authenticateSocket } from '../auth/authenticate-socket';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../config';
import { SubscribeToDocumentHandler } from '../subscribe-to-document.handler';
import {
  SUBSCRIBE_EVENT,
  tenantRoom,
  TIMELINE_EVENT,
  type LiveTimelineEntry,
  type NotificationServer,
  type NotificationSocket,
  type SubscribeReply,
} from './socket-protocol';

/**
 * The socket.io server on the service's HTTP port (path /socket.io). The server, not the client, decides the
 * rooms: each authenticated socket joins its tenant's room, which receives every entry of that tenant's documents.
 */
@Injectable()
export class SocketServer implements OnModuleInit, BeforeApplicationShutdown {
  private io?: NotificationServer;
  // Per socket id: a connection that floods subscribes would make metadata replay timelines for it.
  private readonly subscribes: RateLimiterMemory;

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(AuthFailures) private readonly failures: AuthFailures,
    @Inject(KeyUse) private readonly keyUse: KeyUse,
    @Inject(SubscribeToDocumentHandler) private readonly subscribe: SubscribeToDocumentHandler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.subscribes = new RateLimiterMemory({ points: config.SUBSCRIBES_PER_MINUTE, duration: 60, keyPrefix: 'subscribes' });
  }

  onModuleInit(): void {
    const io: NotificationServer = new Server(this.adapterHost.httpAdapter.getHttpServer() as HttpServer, { serveClient: false });
    io.use(authenticateSocket(this.authenticator, this.failures, this.keyUse, this.config.TRUSTED_PROXIES));
    io.on('connection', (socket) => this.onConnection(socket));
    this.io = io;
  }

  /** Closes the sockets before Nest closes the HTTP server, which would otherwise wait for them. */
  beforeApplicationShutdown(): void {
    this.io?.disconnectSockets(true);
  }

  pushToTenant(tenantId: string, entry: LiveTimelineEntry): void {
    this.io?.to(tenantRoom(tenantId)).emit(TIMELINE_EVENT, entry);
  }

  private onConnection(socket: NotificationSocket): void {
    const { tenantId, expiresAt } = socket.data;
    void socket.join(tenantRoom(tenantId));
    // A token's socket lives no longer than the token: the client reconnects with a fresh one.
    const expiry = expiresAt && setTimeout(() => socket.disconnect(true), untilExpiry(expiresAt));
    this.logger.debug({ event: 'socket.connected', tenantId, socketId: socket.id }, 'socket connected');
    socket.on(SUBSCRIBE_EVENT, (request, ack) => {
      const context = { correlationId: randomUUID(), tenantId };
      // A client decides what it sends as the last argument: only a real ack callback is called.
      void runInContext(context, () => this.answer(socket, request)).then((reply) => typeof ack === 'function' && ack(reply));
    });
    socket.on('disconnect', (reason) => {
      clearTimeout(expiry);
      this.logger.debug({ event: 'socket.disconnected', tenantId, socketId: socket.id, reason }, 'socket disconnected');
    });
  }

  private async answer(socket: NotificationSocket, request: unknown): Promise<SubscribeReply> {
    try {
      await this.subscribes.consume(socket.id);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      const message = `At most ${this.config.SUBSCRIBES_PER_MINUTE} subscribes a minute per connection; try again in ${seconds} s`;
      return { ok: false, error: { code: 'rate_limited', message } };
    }
    try {
      return await this.subscribe.handle(socket, request);
    } catch (error) {
      this.logger.error({ err: error, tenantId: socket.data.tenantId }, 'subscribe failed');
      return { ok: false, error: { code: 'internal', message: 'Could not replay the timeline; try subscribing again' } };
    }
  }
}

// setTimeout fires at once past 2^31-1 ms (~24 days): a longer-lived token's socket is closed then, and reconnects.
const untilExpiry = (expiresAt: Date): number => Math.min(2 ** 31 - 1, Math.max(0, expiresAt.getTime() - Date.now()));
