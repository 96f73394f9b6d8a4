import { Button } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, describeFailure, type Answer } from '../api';
import { Link, Snippet } from '../components';
import { dayInstant } from '../list-filters';
import { withQuery } from '../router';
import type { SearchParams } from '../search-params';

type Citation = Answer['sentences'][number]['citation'];

const at = (citation: Citation) =>
  citation.page === null ? `/documents/${citation.documentId}` : withQuery(`/documents/${citation.documentId}`, { page: citation.page });

/** Asks the documents a question within the search's filters: sentences quoted from them, each linked to where it stands. */
export function AskBox({ params }: { params: SearchParams }) {
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const filters = { type: params.type, tag: params.tag, from: dayInstant(params.from, false), to: dayInstant(params.to, true) };
    api
      .ask({ question, filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) })
      .then(setAnswer, (cause: unknown) => {
        setAnswer(null);
        setError(describeFailure(cause));
      })
      .finally(() => setBusy(false));
  };

  return (
    <section className="ask" aria-labelledby="ask-heading">
      <h2 id="ask-heading">Ask your documents</h2>
      <form className="ask-form" onSubmit={submit}>
        <label className="query">
          <span className="visually-hidden">Your question</span>
          <input
            name="question"
            placeholder="Ask a question, e.g. when is the rent due?"
            value={question}
            onChange={(event) => setQuestion(event.target.value)}
            maxLength={1000}
            required
          />
        </label>
        <Button type="submit" disabled={busy}>
          Ask
        </Button>
      </form>
      <div aria-live="polite" className="muted" data-testid="ask-status">
        {busy && 'Reading your documents…'}
        {!busy &&
          answer &&
          `${answer.passages.length} passages read in ${Math.round(answer.tookMs)} ms by the ${answer.answerer.name} answerer`}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {answer && <AnswerView answer={answer} />}
    </section>
  );
}

function AnswerView({ answer }: { answer: Answer }) {
  if (!answer.found) return <p data-testid="no-answer">{answer.answer}</p>;
  return (
    <>
      <blockquote className="answer" data-testid="answer">
        {answer.sentences.map((sentence, index) => (
          <span key={index}>
            {sentence.text}{' '}
            <sup>
              <Link to={at(sentence.citation)}>[{index + 1}]</Link>
            </sup>{' '}
          </span>
        ))}
      </blockquote>
      <ol className="citations">
        {answer.sentences.map(({ citation }, index) => (
          <li key={index} data-testid="citation">
            <Link to={at(citation)}>{citation.fileName}</Link>
            {citation.page !== null && <span className="page"> p. {citation.page}</span>} <Snippet html={citation.snippet} />
          </li>
        ))}
      </ol>
    </>
  );
}
