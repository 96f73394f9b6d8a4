/** Queue depths and worker throughput need the gateway's admin API, which is not served yet: say so plainly. */
export function PipelinePage() {
  return (
    <section>
      <h2>Pipeline</h2>
      <p>
        This page will show, per stage (ingestion, extraction, classification, indexing), how many documents
        are waiting in its queue, how many are being processed, how many failed to the dead-letter queue, and
        how fast each stage is going.
      </p>
      <p className="muted">
        It needs the gateway’s admin API, which is not available yet. Follow single documents on the Documents
        page meanwhile.
      </p>
    </section>
  );
}
