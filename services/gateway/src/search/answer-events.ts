import type { AskQuestion, ResponseOf } from '@docpipe/contracts';

type Answer = ResponseOf<typeof AskQuestion>;

/**
 * The answer as Server-Sent Events, in the order a reader needs them: the passages read, each sentence with its
 * citation, then `done` with the whole answer (found: false and the statement that there is none, when so).
 */
export function answerEvents(answer: Answer): string[] {
  const { passages, sentences, ...rest } = answer;
  return [
    event('passages', { passages }),
    ...sentences.map((sentence, index) => event('sentence', { index, ...sentence })),
    event('done', { ...rest, sentences: sentences.length }),
  ];
}

function event(name: string, data: unknown): string {
  // JSON has no raw line breaks, so each event's data is one `data:` line.
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
