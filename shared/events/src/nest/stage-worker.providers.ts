import type { InjectionToken, Provider } from '@nestjs/common';
import { LOGGER, type Logger } from '@docpipe/platform';
import { EventPublisher } from '../publisher';
import { reasonToSkip } from '../requests/pipeline-skip';
import { RpcClient } from '../rpc-client';
import { ExtractedTextReader, type BlobSource } from '../stage-worker/extracted-text-reader';
import { StageWorker, type StopCheck } from '../stage-worker/stage-worker';

export const STOP_CHECK = Symbol('STOP_CHECK');

/** The stage-worker kit for a pipeline worker's module; `blobs` is the token of its object store. */
export function stageWorkerProviders(blobs: InjectionToken): Provider[] {
  return [
    {
      provide: STOP_CHECK,
      inject: [RpcClient],
      useFactory: (rpc: RpcClient): StopCheck => ({ reasonToStop: (target) => reasonToSkip(rpc, target) }),
    },
    { provide: ExtractedTextReader, inject: [blobs], useFactory: (store: BlobSource) => new ExtractedTextReader(store) },
    {
      provide: StageWorker,
      inject: [EventPublisher, LOGGER, STOP_CHECK, ExtractedTextReader],
      useFactory: (publisher: EventPublisher, logger: Logger, stops: StopCheck, text: ExtractedTextReader) =>
        new StageWorker(publisher, logger, stops, text),
    },
  ];
}
