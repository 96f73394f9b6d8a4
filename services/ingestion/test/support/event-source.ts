import { Module, type DynamicModule } from '@nestjs/common';
import { EventsModule } from '@docpipe/events';
import { PlatformModule, createLogger } from '@docpipe/platform';

/**
 * Publishes what ingestion consumes (document.received, document.deleted) as metadata's outbox would, over
 * the real broker; this suite does not start metadata. main.int.spec.ts runs ingestion with the real one.
 */
@Module({})
export class EventSourceModule {
  static on(url: string): DynamicModule {
    return {
      module: EventSourceModule,
      imports: [
        PlatformModule.forRoot({ logger: createLogger({ service: 'metadata-stand-in', level: 'silent' }) }),
        EventsModule.forRoot({ service: 'metadata', url, topology: [] }),
      ],
    };
  }
}
