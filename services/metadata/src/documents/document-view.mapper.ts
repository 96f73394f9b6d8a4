import type { DocumentSummary, DocumentView, Stalled } from '@docpipe/contracts';
import type { DocumentEntity } from '../database/document.entity';
import type { DocumentStageEntity } from '../database/document-stage.entity';
import { stagesInOrder } from './document-lifecycle';

type StageView = DocumentView['stages'][number];

export function toDocumentSummary(document: DocumentEntity): DocumentSummary {
  return {
    id: document.id,
    fileName: document.fileName,
    title: document.title,
    mediaType: document.mediaType,
    sizeBytes: document.sizeBytes,
    status: document.status,
    documentType: document.documentType,
    confidence: document.confidence,
    tags: document.tags,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
    stalled: stalledOf(document),
  };
}

function stalledOf(document: DocumentEntity): Stalled | null {
  if (!document.stalledStage || !document.stalledBudgetSeconds) return null;
  return {
    stage: document.stalledStage,
    status: document.status,
    since: document.statusSince.toISOString(),
    budgetSeconds: document.stalledBudgetSeconds,
  };
}

export function toDocumentView(document: DocumentEntity, stages: DocumentStageEntity[]): DocumentView {
  return {
    ...toDocumentSummary(document),
    note: document.note,
    sha256: document.sha256,
    objectKey: document.objectKey,
    textKey: document.textKey,
    language: document.language,
    pages: document.pages,
    chunks: document.chunks,
    metadata: document.metadata,
    fields: document.fields,
    error: document.error,
    stages: stagesInOrder.flatMap((name) => {
      const stage = stages.find((candidate) => candidate.stage === name);
      return stage ? [toStageView(stage)] : [];
    }),
    pipeline: document.pipeline,
  };
}

function toStageView(stage: DocumentStageEntity): StageView {
  const { startedAt, finishedAt } = stage;
  return {
    stage: stage.stage,
    status: stage.status,
    attempt: stage.attempt,
    startedAt: startedAt?.toISOString() ?? null,
    finishedAt: finishedAt?.toISOString() ?? null,
    durationMs: startedAt && finishedAt ? Math.max(0, finishedAt.getTime() - startedAt.getTime()) : null,
    error: stage.error,
  };
}
