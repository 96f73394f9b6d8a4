import { SetMetadata } from '@nestjs/common';
import type { ProgressOf, RequestContract, RequestOf, ResponseOf } from '@docpipe/contracts';

export const REQUEST_HANDLER_CONTRACT = Symbol('docpipe:request-handler-contract');

/**
 * Makes a provider method the answer to a request contract; throw an AppError to answer with its code. Its second
 * argument sends part of the answer ahead of it, for a contract with `progress`.
 */
export function AnswerRequests<C extends RequestContract>(contract: C) {
  return <M extends (request: RequestOf<C>, report: (progress: ProgressOf<C>) => void) => Promise<ResponseOf<C>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    SetMetadata(REQUEST_HANDLER_CONTRACT, contract)(target, key, descriptor);
  };
}
