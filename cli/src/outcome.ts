import type { DocumentOutcome } from './follow-documents';

/** One line per file on stdout: tab-separated for people and `cut`, or JSON with --json. */
export interface FileResult {
  path: string;
  id: string | null;
  status: string;
  documentType?: string | null;
  confidence?: number | null;
  reason?: string | null;
}

export function printResult(result: FileResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const type = result.documentType ? `${result.documentType} ${(result.confidence ?? 0).toFixed(2)}` : '-';
  const columns = [result.status, type, result.id ?? '-', result.path, result.reason ?? ''];
  process.stdout.write(`${columns.join('\t').trimEnd()}\n`);
}

export const fromOutcome = (path: string, view: DocumentOutcome): FileResult => ({
  path,
  id: view.id,
  status: view.status,
  documentType: view.documentType,
  confidence: view.confidence,
  reason: view.error ? `${view.error.stage}: ${view.error.reason}` : null,
});
