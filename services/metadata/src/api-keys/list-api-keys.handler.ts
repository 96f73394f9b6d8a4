import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { ListApiKeys, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { ApiKeyEntity } from '../database/api-key.entity';
import { toApiKeyView } from './api-key-view.mapper';

@Injectable()
export class ListApiKeysHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(ListApiKeys)
  async list({ tenantId }: RequestOf<typeof ListApiKeys>): Promise<ResponseOf<typeof ListApiKeys>> {
    const keys = await this.dataSource.manager.find(ApiKeyEntity, {
      where: tenantId === undefined ? {} : { tenantId },
      order: { createdAt: 'DESC' },
    });
    return { items: keys.map(toApiKeyView) };
  }
}
