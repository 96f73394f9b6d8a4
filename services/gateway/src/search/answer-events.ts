import { RemoteError } from '@docpipe/events';
import type { AskQuestion, ResponseOf } from '@docpipe/contracts';
import { remoteErrorMessage } from '../errors/error-status';

type Answer = ResponseOf<typeof AskQuestion>;

/** The passages read for the answer: sent as soon as search has found them, before the answerer has read them. */
export function passagesEvent(passages: Answer['passages']): string {
  return event('passages', { passages });
}

/**
 * The answer as Server-Sent Events, in the order a reader needs them: the passages read (unless they went out
 * already), each sentence with its citation, then `done` with the whole answer (found: false and the statement that
 * there is none, when so).
 */
export function answerEvents(answer: Answer, { withPassages }: { withPassages: boolean }): string[] {
  const { passages, sentences, ...rest } = answer;
  return [
    ...(withPassages ? [passagesEvent(passages)] : []),
    ...sentences.map((sentence, index) => event('sentence', { index, ...sentence })),
    event('done', { ...rest, sentences: sentences.length }),
  ];
}

/** A failure after the stream began, when no HTTP status can say it any more: the stream's last event. */
export function errorEvent(error: unknown): string {
  if (error instanceof RemoteError) return event('error', { code: error.code, message: remoteErrorMessage(error) });
  return event('error', { code: 'internal_error', message: 'The answer could not be completed; ask again' });
}

function event(name: string, data: unknown): string {
  // JSON has no raw line breaks, so each event's data is one `data:` line.
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
