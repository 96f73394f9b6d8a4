import { Inject, Injectable } from '@nestjs/common';
import { DocumentTypeCorrected, type Envelope } from '@docpipe/contracts';
import { ExtractedTextReader, HandleEvents, queues } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
import { TenantLayers } from './tenant-layers';

/** document.type-corrected → the document becomes an example of its new type in its tenant's layer. */
@Injectable()
export class LearnCorrectionHandler {
  constructor(
    @Inject(TenantLayers) private readonly layers: TenantLayers,
    @Inject(ExtractedTextReader) private readonly text: ExtractedTextReader,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.learnCorrections)
  async handle(event: Envelope<typeof DocumentTypeCorrected>): Promise<void> {
    const { tenantId, documentId, payload } = event;
    if (!payload.textKey) {
      // Corrected before extraction finished: there is no text to learn from yet, and the user's type stands anyway.
      this.logger.info({ event: 'classification.correction-not-learned', documentType: payload.documentType }, 'no text yet to learn from');
      return;
    }
    const document = await this.text.read({ tenantId, documentId }, payload.textKey);
    const example = await this.layers.learn(tenantId, documentId, payload.documentType, document);
    this.logger.info(
      { event: 'classification.correction-learned', documentType: payload.documentType, features: Object.keys(example.features).length },
      `learned a ${payload.documentType} for the tenant`,
    );
  }
}
