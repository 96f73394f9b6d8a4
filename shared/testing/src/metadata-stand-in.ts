import { Module, type DynamicModule } from '@nestjs/common';
import { EventsModule } from '@docpipe/events';
import { createLogger, PlatformModule } from '@docpipe/platform';

/**
 * Connects as the metadata service would, without being it: declares the whole topology, so metadata.track-status
 * collects every event for the test to read, and gives the test a publisher. It answers no request: the workers
 * never ask metadata, and a request would time out and fail the test.
 */
@Module({})
export class MetadataStandInModule {
  static on(url: string): DynamicModule {
    return {
      module: MetadataStandInModule,
      imports: [
        PlatformModule.forRoot({ logger: createLogger({ service: 'metadata-stand-in', level: 'silent' }) }),
        EventsModule.forRoot({ service: 'metadata', url }),
      ],
    };
  }
}
