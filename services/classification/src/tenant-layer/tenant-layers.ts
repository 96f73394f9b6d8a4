import { Inject, Injectable } from '@nestjs/common';
import { objectKeys, type ExtractedText } from '@docpipe/contracts';
import type { SparseVector } from '../model/features';
import { DOCUMENT_FEATURES, type DocumentFeatures } from './document-features';
import type { TenantExample } from './tenant-example';
import { TenantExamples } from './tenant-examples.store';
import { TenantLayer, type TenantAnswer } from './tenant-layer';

export interface TenantLayerSettings {
  /** How long a tenant's layer is used before the store is asked for examples other replicas learned. */
  refreshMs: number;
}

export const TENANT_LAYER_SETTINGS = Symbol('docpipe:tenant-layer-settings');

interface Known {
  /** The object's ETag when read; undefined for an example learned in this process (read again once listed). */
  etag: string | undefined;
  label: string;
  vector: SparseVector;
}

interface TenantState {
  examples: Map<string, Known>;
  checkedAt: number;
  layer: TenantLayer;
  refreshing?: Promise<void>;
}

/**
 * Each tenant's layer, kept in memory and brought up to date from the object store at most every refreshMs: the
 * replica that learns a correction uses it at once, the others within refreshMs, none needs a restart. A refresh
 * lists the tenant's examples and reads only those that are new or rewritten.
 */
@Injectable()
export class TenantLayers {
  private readonly tenants = new Map<string, TenantState>();

  constructor(
    @Inject(TenantExamples) private readonly store: TenantExamples,
    @Inject(DOCUMENT_FEATURES) private readonly features: DocumentFeatures,
    @Inject(TENANT_LAYER_SETTINGS) private readonly settings: TenantLayerSettings,
  ) {}

  /** The tenant's closest taught label for this document, none when the tenant taught nothing. */
  async nearest(tenantId: string, document: ExtractedText): Promise<TenantAnswer | undefined> {
    const state = await this.current(tenantId);
    if (state.layer.size === 0) return undefined;
    return state.layer.nearest(this.features.vector(this.features.counts(document)));
  }

  /** Learns a document's type: stored for every replica, used by this one from now on. */
  async learn(tenantId: string, documentId: string, label: string, document: ExtractedText): Promise<TenantExample> {
    const example = { documentId, label, modelVersion: this.features.modelVersion, features: this.features.counts(document) };
    await this.store.save(tenantId, example);
    const state = await this.current(tenantId);
    state.examples.set(objectKeys.classifierExample(tenantId, documentId), {
      etag: undefined,
      label,
      vector: this.features.vector(example.features),
    });
    state.layer = layerOf(state.examples);
    return example;
  }

  async forget(tenantId: string, documentId: string): Promise<void> {
    await this.store.remove(tenantId, documentId);
    const state = this.tenants.get(tenantId);
    if (state?.examples.delete(objectKeys.classifierExample(tenantId, documentId))) state.layer = layerOf(state.examples);
  }

  private async current(tenantId: string): Promise<TenantState> {
    let state = this.tenants.get(tenantId);
    if (!state) {
      state = { examples: new Map(), checkedAt: 0, layer: new TenantLayer([]) };
      this.tenants.set(tenantId, state);
    }
    if (Date.now() - state.checkedAt >= this.settings.refreshMs) {
      state.refreshing ??= this.refresh(tenantId, state).finally(() => (state.refreshing = undefined));
      await state.refreshing;
    }
    return state;
  }

  private async refresh(tenantId: string, state: TenantState): Promise<void> {
    const listed = await this.store.list(tenantId);
    const present = new Set(listed.map(({ key }) => key));
    let changed = false;
    for (const key of state.examples.keys()) if (!present.has(key) && state.examples.delete(key)) changed = true;
    for (const { key, etag } of listed) {
      if (state.examples.get(key)?.etag === etag) continue;
      const example = await this.store.read(key);
      state.examples.set(key, { etag, label: example.label, vector: this.features.vector(example.features) });
      changed = true;
    }
    if (changed) state.layer = layerOf(state.examples);
    state.checkedAt = Date.now();
  }
}

const layerOf = (examples: Map<string, Known>) => new TenantLayer([...examples.values()]);
