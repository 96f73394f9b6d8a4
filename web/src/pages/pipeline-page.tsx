import { useEffect, useState, type FormEvent } from 'react';
import { adminKey, api, type Pipeline } from '../api';

const REFRESH_MS = 2_000;

/** Queue depths, worker copies and dead letters per stage, refreshed every two seconds; needs an admin key. */
export function PipelinePage() {
  const [key, setKey] = useState(adminKey.get());
  const [draft, setDraft] = useState(key);
  const [pipeline, setPipeline] = useState<Pipeline | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!key) return;
    let stopped = false;
    const refresh = async () => {
      try {
        const next = await api.pipeline();
        if (!stopped) {
          setPipeline(next);
          setError(null);
        }
      } catch (cause) {
        if (!stopped) setError((cause as Error).message);
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [key]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    adminKey.set(draft);
    setKey(draft.trim());
  };

  const redrive = async (queue: string) => {
    try {
      await api.redrive(queue);
      setPipeline(await api.pipeline());
    } catch (cause) {
      setError((cause as Error).message);
    }
  };

  return (
    <section>
      <h2>Pipeline</h2>
      <form className="admin-key" onSubmit={save}>
        <label>
          Admin key <input name="admin-key" type="password" value={draft} onChange={(event) => setDraft(event.target.value)} />
        </label>
        <button type="submit">Use</button>
        <span className="muted"> one of ADMIN_API_KEYS; tenants’ keys cannot see the pipeline</span>
      </form>
      {error && <p className="error">{error}</p>}
      {pipeline && (
        <>
          <table className="pipeline">
            <thead>
              <tr>
                <th>Queue</th>
                <th>Waiting</th>
                <th>Workers</th>
                <th>Dead letters</th>
              </tr>
            </thead>
            <tbody>
              {pipeline.queues.map((queue) => (
                <tr key={queue.queue} data-queue={queue.queue}>
                  <td>
                    <strong>{queue.queue}</strong>
                    <div className="muted">{queue.description}</div>
                  </td>
                  <td className="waiting">{queue.messages}</td>
                  <td className="consumers">{queue.consumers}</td>
                  <td className="dead-letters">
                    {queue.deadLetters}
                    {queue.deadLetters > 0 && (
                      <button type="button" onClick={() => void redrive(queue.queue)}>
                        Redrive
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pipeline.consoleUrl && (
            <p>
              <a href={pipeline.consoleUrl} target="_blank" rel="noreferrer">
                Open the RabbitMQ console
              </a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
