import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { ListActiveApiKeys, type ResponseOf } from '@docpipe/contracts';
import { ApiKeyEntity } from '../database/api-key.entity';
import { toActiveApiKey } from './api-key-view.mapper';

/** The snapshot an authenticating instance starts from; the api-key events keep it current afterwards. */
@Injectable()
export class ListActiveApiKeysHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(ListActiveApiKeys)
  async list(): Promise<ResponseOf<typeof ListActiveApiKeys>> {
    const keys = await this.dataSource.manager.find(ApiKeyEntity, {
      where: [
        { revokedAt: IsNull(), expiresAt: IsNull() },
        { revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      ],
    });
    return { items: keys.map(toActiveApiKey) };
  }
}
