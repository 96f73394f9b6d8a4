import type { EntityManager } from 'typeorm';
import type { Stage } from '@docpipe/contracts';
import { DocumentEntity } from '../database/document.entity';
import { DocumentStageEntity } from '../database/document-stage.entity';
import { pendingStage, stagesInOrder, type DocumentState, type StageState, type Transition } from './document-lifecycle';

/** The document's status and stages as the lifecycle rules see them. */
export async function loadState(manager: EntityManager, document: DocumentEntity): Promise<DocumentState> {
  const rows = await manager.findBy(DocumentStageEntity, { documentId: document.id });
  const stages = Object.fromEntries(
    stagesInOrder.map((name) => {
      const row = rows.find((candidate) => candidate.stage === name);
      const state: StageState = row
        ? { status: row.status, attempt: row.attempt, startedAt: row.startedAt, finishedAt: row.finishedAt, error: row.error }
        : pendingStage;
      return [name, state];
    }),
  ) as Record<Stage, StageState>;
  return {
    status: document.status,
    statusSince: document.statusSince,
    pipeline: document.pipeline,
    stages,
    typeCorrected: document.typeCorrectedAt !== null,
  };
}

/** Writes what a transition changes; call inside the transaction that holds the document's row lock. */
export async function saveTransition(manager: EntityManager, document: DocumentEntity, transition: Transition): Promise<void> {
  const stageChanges = Object.entries(transition.stages) as [Stage, StageState][];
  for (const [stage, state] of stageChanges) {
    await manager.upsert(DocumentStageEntity, { documentId: document.id, stage, ...state }, ['documentId', 'stage']);
  }
  const statusChanged = transition.status !== document.status;
  if (!statusChanged && Object.keys(transition.document).length === 0 && stageChanges.length === 0) return;
  await manager.update(
    DocumentEntity,
    { id: document.id },
    { ...transition.document, status: transition.status, updatedAt: () => 'now()' },
  );
}
