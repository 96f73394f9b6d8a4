import type { ApiClient } from '../api-client';
import { EXIT, usageError } from '../exit-codes';
import { positiveInt, type Values } from '../options';

interface Citation {
  documentId: string;
  fileName: string;
  page: number | null;
}

interface Answer {
  found: boolean;
  answer: string;
  sentences: Array<{ text: string; citation: Citation }>;
  answerer: { name: string; version: string };
}

/**
 * `docpipe ask <question>... [--type] [--tag] [--passages] [--sentences]`: the answer quoted from the documents, each
 * sentence numbered with its source below. "No answer found" is an answer too (exit 0): `--json` carries `found`.
 */
export async function ask(api: ApiClient, words: string[], values: Values): Promise<number> {
  const question = words.join(' ').trim();
  if (!question) throw usageError('ask takes a question, e.g. docpipe ask "when is the rent due?"');
  const filters: Record<string, string> = {};
  if (values.type) filters.type = String(values.type);
  if (values.tag) filters.tag = String(values.tag);
  const body = {
    question,
    filters,
    ...(values.passages === undefined ? {} : { passages: positiveInt(values.passages, '--passages') }),
    ...(values.sentences === undefined ? {} : { sentences: positiveInt(values.sentences, '--sentences') }),
  };
  const answer = await api.request<Answer>('/api/v1/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  process.stdout.write(values.json ? `${JSON.stringify(answer)}\n` : readable(answer));
  return EXIT.ok;
}

function readable(answer: Answer): string {
  if (!answer.found) return `${answer.answer}\n`;
  const quoted = answer.sentences.map((sentence, index) => `${sentence.text.trim()} [${index + 1}]`).join(' ');
  const sources = answer.sentences.map(({ citation }, index) => {
    const page = citation.page ? ` p.${citation.page}` : '';
    return `[${index + 1}] ${citation.fileName}${page}\t${citation.documentId}`;
  });
  return `${quoted}\n\n${sources.join('\n')}\n`;
}
