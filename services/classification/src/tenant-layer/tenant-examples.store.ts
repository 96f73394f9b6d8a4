import { Inject, Injectable } from '@nestjs/common';
import { objectKeys } from '@docpipe/contracts';
import { NonRetryableError } from '@docpipe/platform';
import { ObjectStore } from '@docpipe/storage';
import { tenantExampleSchema, type TenantExample } from './tenant-example';

export interface ListedExample {
  key: string;
  etag: string;
}

/** A tenant's examples in the object store, one object per document: a second correction of a document replaces the first. */
@Injectable()
export class TenantExamples {
  constructor(@Inject(ObjectStore) private readonly store: ObjectStore) {}

  async save(tenantId: string, example: TenantExample): Promise<void> {
    const body = Buffer.from(JSON.stringify(example));
    await this.store.put(objectKeys.classifierExample(tenantId, example.documentId), body, {
      size: body.length,
      contentType: 'application/json',
    });
  }

  /** Removing an example that is not there is fine: deletes are replayed. */
  remove(tenantId: string, documentId: string): Promise<void> {
    return this.store.remove(objectKeys.classifierExample(tenantId, documentId));
  }

  list(tenantId: string): Promise<ListedExample[]> {
    return this.store.list(objectKeys.classifierExamplesPrefix(tenantId));
  }

  async read(key: string): Promise<TenantExample> {
    const parsed = tenantExampleSchema.safeParse(JSON.parse((await this.store.getBuffer(key)).toString('utf8')));
    if (!parsed.success) throw new NonRetryableError('invalid_tenant_example', `${key} is not a classifier example; delete it`);
    return parsed.data;
  }
}
