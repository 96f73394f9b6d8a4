import { Client, type API } from '@opensearch-project/opensearch';
import { AppError, errorMessage, redactSecrets } from '@docpipe/platform';
import type { AliasTarget, EmbedderRecord, IndexAlias } from './index-alias';
import { embedderMetaBody } from './opensearch-requests';

/**
 * The OpenSearch alias readers query, and the embedder of the index it names, kept in that index's mapping `_meta`
 * (written just before the switch, so the record and the alias never disagree for a reader that follows the alias).
 */
export class OpenSearchAlias implements IndexAlias {
  private readonly client: Client;

  constructor(
    private readonly node: string,
    private readonly alias: string,
  ) {
    this.client = new Client({ node });
  }

  async read(): Promise<AliasTarget | null> {
    const targets = await this.targets();
    const indexName = targets[0];
    if (!indexName) return null;
    const { body } = await this.call('read the index mapping', () => this.client.indices.getMapping({ index: indexName }));
    const meta = (body as Record<string, { mappings?: { _meta?: { embedder?: EmbedderRecord } } }>)[indexName]?.mappings?._meta;
    return { indexName, embedder: meta?.embedder ?? null };
  }

  /** Records the embedder on the new index, then moves the alias in one `_aliases` request (remove old, add new: atomic). */
  async switchTo(target: AliasTarget & { embedder: EmbedderRecord }): Promise<void> {
    await this.call('record the embedder', () =>
      this.client.indices.putMapping({ index: target.indexName, body: embedderMetaBody(target.embedder) }),
    );
    const actions: API.Indices_UpdateAliases_RequestBody['actions'] = [
      ...(await this.targets()).filter((index) => index !== target.indexName).map((index) => ({ remove: { index, alias: this.alias } })),
      { add: { index: target.indexName, alias: this.alias } },
    ];
    await this.call('switch the alias', () => this.client.indices.updateAliases({ body: { actions } }));
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async targets(): Promise<string[]> {
    const { body: exists } = await this.call('check the alias', () => this.client.indices.existsAlias({ name: this.alias }));
    if (!exists) return [];
    const { body } = await this.call('read the alias', () => this.client.indices.getAlias({ name: this.alias }));
    return Object.keys(body);
  }

  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      // The client's error names the node with its credentials: only the redacted message travels on.
      throw new AppError(
        'search_index_unavailable',
        `OpenSearch at ${redactSecrets(this.node)} could not ${what}: ${redactSecrets(errorMessage(error))}`,
      );
    }
  }
}
