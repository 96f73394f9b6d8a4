import { Button, Group, List, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, type DeadLetter } from '../api';
import { ErrorAlert } from '../components';

/** Messages listed: enough to see what is failing and why; the count beside the queue says how many there are. */
const PEEK_LIMIT = 20;

const when = (instant: string | null): string => (instant ? new Date(instant).toLocaleString() : 'unknown');

/** One queue's dead letters with why each failed, each sent back on its own or all at once. */
export function DeadLetterPeek({ queue, onChanged }: { queue: string; onChanged: () => void }) {
  const [letters, setLetters] = useState<DeadLetter[] | null>(null);
  const [count, setCount] = useState(0);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { queues } = await api.deadLetters(PEEK_LIMIT);
      const found = queues.find((candidate) => candidate.queue === queue);
      setLetters(found?.messages ?? []);
      setCount(found?.count ?? 0);
    } catch (cause) {
      setError((cause as Error).message);
    }
  }, [queue]);
  useEffect(() => void load(), [load]);

  const redrive = async (messageIds?: string[]) => {
    setError(null);
    try {
      const { redriven, remaining } = await api.redrive(queue, messageIds);
      setOutcome(`Sent ${redriven} back to ${queue}; ${remaining} left.`);
      onChanged();
      await load();
    } catch (cause) {
      setError((cause as Error).message);
    }
  };

  if (error) return <ErrorAlert>{error}</ErrorAlert>;
  if (!letters) return <Text c="dimmed">Loading the dead letters…</Text>;
  return (
    <Stack gap="xs" data-testid="dead-letter-peek">
      <Group gap="sm">
        <Text>{letters.length < count ? `The oldest ${letters.length} of ${count} dead letters` : `${count} dead letters`}</Text>
        <Button size="compact-sm" variant="default" disabled={count === 0} onClick={() => void redrive()}>
          Redrive all
        </Button>
        <Text component="span" role="status" c="dimmed" size="sm" data-testid="redrive-outcome">
          {outcome}
        </Text>
      </Group>
      <List listStyleType="none" spacing={0}>
        {letters.map((letter, index) => (
          <List.Item key={letter.messageId ?? index} data-message-id={letter.messageId ?? ''} className="dead-letter" py="xs">
            <Text>
              <strong>{letter.errorCode ?? 'no error code'}</strong>: {letter.errorMessage ?? 'no message recorded'}
            </Text>
            <Text c="dimmed" size="sm">
              {letter.type ?? 'unknown type'}
              {letter.documentId && `, document ${letter.documentId}`}
              {letter.tenantId && ` of tenant ${letter.tenantId}`}, {letter.attempts ?? '?'} attempts, last failed{' '}
              {when(letter.lastFailureAt)}
            </Text>
            {letter.messageId && (
              <Button size="compact-sm" variant="default" mt={4} onClick={() => void redrive([letter.messageId as string])}>
                Redrive this one
              </Button>
            )}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
