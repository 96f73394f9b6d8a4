import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { GetTimeline, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { TimelineEntryEntity } from '../database/timeline-entry.entity';
import { findLiveDocument } from '../documents/find-live-document';
import { toTimelineEntry } from './timeline-entry.mapper';

@Injectable()
export class GetTimelineHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(GetTimeline)
  async get(received: RequestOf<typeof GetTimeline>): Promise<ResponseOf<typeof GetTimeline>> {
    const request = GetTimeline.request.parse(received); // fills afterSeq and limit defaults into the type
    const document = await findLiveDocument(this.dataSource.manager, request.tenantId, request.documentId);
    const entries = await this.dataSource.manager.find(TimelineEntryEntity, {
      where: { documentId: document.id, seq: MoreThan(request.afterSeq) },
      order: { seq: 'ASC' },
      take: request.limit,
    });
    return {
      entries: entries.map(toTimelineEntry),
    };
  }
}
