import { SetMetadata } from '@nestjs/common';
import type { EventContract } from '@docpipe/contracts';
import type { EventHandler } from '../consumer';
import type { QueueSpec } from '../topology';

export const EVENT_HANDLER_QUEUE = Symbol('docpipe:event-handler-queue');

/**
 * Makes a provider method the handler of a queue from the catalogue. The method receives the
 * validated envelope of the queue's contracts; throwing retries it, NonRetryableError dead-letters it.
 */
export function HandleEvents<C extends EventContract>(queue: QueueSpec<C>) {
  return <M extends EventHandler<C>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    SetMetadata(EVENT_HANDLER_QUEUE, queue)(target, key, descriptor);
  };
}
