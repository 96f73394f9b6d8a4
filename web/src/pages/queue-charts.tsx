import { Group, Text } from '@mantine/core';
import type { PipelineQueue } from '../api';
import { Sparkline } from './sparkline';

type Sample = PipelineQueue['history'][number];

/** What waited in the queue over the last hour, and how much waits now. */
export function WaitingChart({ queue }: { queue: PipelineQueue }) {
  const values = queue.history.map((sample) => sample.messages);
  const summary = `Waiting in ${queue.queue} over the last hour: at most ${Math.max(0, ...values)}, now ${values.at(-1) ?? 0}`;
  return <Sparkline values={values} summary={summary} />;
}

/** The queue's throughput: what arrived between two samples over the last hour, and how many in all. */
export function ArrivalsChart({ queue }: { queue: PipelineQueue }) {
  const values = queue.history.map((sample) => sample.arrived);
  const total = values.reduce((sum, value) => sum + value, 0);
  const summary = `Arrived in ${queue.queue} over the last hour: ${total} in all, at most ${Math.max(0, ...values)} in ${sampleSeconds(queue.history)} s`;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text component="span" className="arrived-total">
        {total}
      </Text>
      <Sparkline values={values} summary={summary} />
    </Group>
  );
}

/** The time between two samples (QUEUE_SAMPLE_SECONDS), read from the samples themselves. */
function sampleSeconds(history: Sample[]): number {
  const [first, second] = history.slice(-2);
  if (!first || !second) return 0;
  return Math.round((Date.parse(second.at) - Date.parse(first.at)) / 1000);
}
