import { Anchor, Button, Table, Text, Title } from '@mantine/core';
import { Fragment, useEffect, useState } from 'react';
import { api, describeAdminFailure, type Pipeline } from '../api';
import { ErrorAlert } from '../components';
import { DataTable } from '../data-table';
import { useAdminKey } from '../use-admin-key';
import { AdminKeyForm } from './admin-key-form';
import { DeadLetterPeek } from './dead-letter-peek';
import { ArrivalsChart, WaitingChart } from './queue-charts';
import { SearchIndexStatusPanel } from './search-index-status';

const REFRESH_MS = 2_000;

/** Queue depths and throughput (now and over the last hour), worker copies and dead letters per stage, refreshed every two seconds; needs an admin key. */
export function PipelinePage() {
  const key = useAdminKey();
  const [pipeline, setPipeline] = useState<Pipeline | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // No key, or the gateway refused the one held (api forgot it): what that key saw must not stay on screen.
    if (!key) {
      setPipeline(null);
      return;
    }
    let stopped = false;
    const refresh = async () => {
      try {
        const next = await api.pipeline();
        if (!stopped) {
          setPipeline(next);
          setError(null);
        }
      } catch (cause) {
        if (!stopped) setError(describeAdminFailure(cause));
      }
    };
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    void refresh();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [key]);

  // The queue whose dead letters are open below its row.
  const [peeking, setPeeking] = useState<string | null>(null);
  const refreshNow = () => void api.pipeline().then(setPipeline, (cause: Error) => setError(cause.message));

  return (
    <section>
      <Title order={1}>Pipeline</Title>
      <AdminKeyForm note="one of ADMIN_API_KEYS; tenants’ keys cannot see the pipeline" />
      {!key && (
        <Text c="dimmed">Enter an admin key to see the queues. Without ADMIN_API_KEYS on the gateway, the pipeline stays closed.</Text>
      )}
      <ErrorAlert>{error}</ErrorAlert>
      {pipeline && (
        <>
          <DataTable
            label="Queues"
            className="pipeline"
            columns={['Queue', 'Waiting', 'Workers', 'Waiting, last hour', 'Arrived, last hour', 'Dead letters']}
          >
            {pipeline.queues.map((queue) => (
              <Fragment key={queue.queue}>
                <Table.Tr data-queue={queue.queue}>
                  <Table.Td>
                    <strong>{queue.queue}</strong>
                    <Text c="dimmed" size="sm">
                      {queue.description}
                    </Text>
                  </Table.Td>
                  <Table.Td className="waiting">{queue.messages}</Table.Td>
                  <Table.Td className="consumers">{queue.consumers}</Table.Td>
                  <Table.Td className="history">
                    <WaitingChart queue={queue} />
                  </Table.Td>
                  <Table.Td className="arrivals">
                    <ArrivalsChart queue={queue} />
                  </Table.Td>
                  <Table.Td className="dead-letters">
                    {queue.deadLetters}
                    {(queue.deadLetters > 0 || peeking === queue.queue) && (
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-expanded={peeking === queue.queue}
                        onClick={() => setPeeking(peeking === queue.queue ? null : queue.queue)}
                      >
                        {peeking === queue.queue ? 'Hide' : 'Show'}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
                {peeking === queue.queue && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <DeadLetterPeek queue={queue.queue} onChanged={refreshNow} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </DataTable>
          <SearchIndexStatusPanel status={pipeline.searchIndex} error={pipeline.searchIndexError} />
          {pipeline.consoleUrl && (
            <Anchor href={pipeline.consoleUrl} target="_blank" rel="noreferrer" display="block" my="md">
              Open the RabbitMQ console
            </Anchor>
          )}
        </>
      )}
    </section>
  );
}
