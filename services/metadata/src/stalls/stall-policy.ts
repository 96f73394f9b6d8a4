import type { DocumentStatus, Stage } from '@docpipe/contracts';
import type { MetadataConfig } from '../config';

/** How long a document may stay in a status of the pipeline, and which stage it runs or waits for there. */
export interface StatusBudget {
  status: DocumentStatus;
  stage: Stage;
  seconds: number;
}

export interface StallPolicy {
  sweepIntervalMs: number;
  budgets: StatusBudget[];
}

export const STALL_POLICY = Symbol('STALL_POLICY');

/** A status between two stages (extracted, classified) waits for the next one and shares its budget. */
export function stallPolicyOf(config: MetadataConfig): StallPolicy {
  return {
    sweepIntervalMs: config.STALL_SWEEP_INTERVAL_SECONDS * 1000,
    budgets: [
      { status: 'received', stage: 'ingestion', seconds: config.STALL_QUEUED_SECONDS },
      { status: 'queued', stage: 'extraction', seconds: config.STALL_QUEUED_SECONDS },
      { status: 'extracting', stage: 'extraction', seconds: config.STALL_EXTRACTING_SECONDS },
      { status: 'extracted', stage: 'classification', seconds: config.STALL_CLASSIFYING_SECONDS },
      { status: 'classifying', stage: 'classification', seconds: config.STALL_CLASSIFYING_SECONDS },
      { status: 'classified', stage: 'indexing', seconds: config.STALL_INDEXING_SECONDS },
      { status: 'indexing', stage: 'indexing', seconds: config.STALL_INDEXING_SECONDS },
    ],
  };
}
