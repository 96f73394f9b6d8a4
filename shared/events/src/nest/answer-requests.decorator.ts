import { SetMetadata } from '@nestjs/common';
import type { RequestContract, RequestOf, ResponseOf } from '@docpipe/contracts';

export const REQUEST_HANDLER_CONTRACT = Symbol('docpipe:request-handler-contract');

/** Makes a provider method the answer to a request contract; throw an AppError to answer with its code. */
export function AnswerRequests<C extends RequestContract>(contract: C) {
  return <M extends (request: RequestOf<C>) => Promise<ResponseOf<C>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    SetMetadata(REQUEST_HANDLER_CONTRACT, contract)(target, key, descriptor);
  };
}
