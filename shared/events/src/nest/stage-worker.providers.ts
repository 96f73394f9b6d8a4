import type { InjectionToken, Provider } from '@nestjs/common';
import { LOGGER, type Logger } from '@docpipe/platform';
import { BrokerConnection } from '../connection';
import { EventPublisher } from '../publisher';
import { ExtractedTextReader, type BlobSource } from '../stage-worker/extracted-text-reader';
import { StageWorker } from '../stage-worker/stage-worker';
import { StopMarks } from '../stage-worker/stop-marks';
import { StopMarksFeed } from '../stage-worker/stop-marks-feed';

const STOP_MARKS_FEED = Symbol('STOP_MARKS_FEED');

/** The stage-worker kit for a pipeline worker's module; `blobs` is the token of its object store. */
export function stageWorkerProviders(blobs: InjectionToken): Provider[] {
  return [
    { provide: StopMarks, useFactory: () => new StopMarks() },
    {
      provide: STOP_MARKS_FEED,
      inject: [BrokerConnection, StopMarks, LOGGER],
      // Nest calls these hooks on the provider: subscribed before the connection starts, closed on shutdown.
      useFactory: (connection: BrokerConnection, marks: StopMarks, logger: Logger) => {
        const feed = new StopMarksFeed(connection, marks, logger);
        return { onModuleInit: () => feed.start(), beforeApplicationShutdown: () => feed.stop() };
      },
    },
    { provide: ExtractedTextReader, inject: [blobs], useFactory: (store: BlobSource) => new ExtractedTextReader(store) },
    {
      provide: StageWorker,
      inject: [EventPublisher, LOGGER, StopMarks, ExtractedTextReader],
      useFactory: (publisher: EventPublisher, logger: Logger, marks: StopMarks, text: ExtractedTextReader) =>
        new StageWorker(publisher, logger, marks, text),
    },
  ];
}
