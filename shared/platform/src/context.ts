import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and every published event inherits from the work in progress. */
export interface RequestContext {
  correlationId: string;
  /** Id of the event being handled, so events published while handling it name their cause. */
  causationId?: string;
  tenantId?: string;
  documentId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
