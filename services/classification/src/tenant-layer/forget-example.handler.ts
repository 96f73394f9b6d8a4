import { Inject, Injectable } from '@nestjs/common';
import { DocumentDeleted, type Envelope } from '@docpipe/contracts';
import { HandleEvents, queues } from '@docpipe/events';
import { TenantLayers } from './tenant-layers';

/** document.deleted → a deleted document no longer teaches its tenant's layer (most documents never did: a no-op). */
@Injectable()
export class ForgetExampleHandler {
  constructor(@Inject(TenantLayers) private readonly layers: TenantLayers) {}

  @HandleEvents(queues.forgetExamples)
  handle(event: Envelope<typeof DocumentDeleted>): Promise<void> {
    return this.layers.forget(event.tenantId, event.documentId);
  }
}
