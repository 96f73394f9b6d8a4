import { Blockquote, Button, List, Paper, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, describeFailure, type Answer } from '../api';
import { ErrorAlert, Link, Snippet } from '../components';
import { FormRow } from '../form-row';
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
    <Paper component="section" withBorder p="sm" my="md" aria-labelledby="ask-heading">
      <Title order={2} size="h4" id="ask-heading" mt={0} mb="xs">
        Ask your documents
      </Title>
      <FormRow className="ask-form" onSubmit={submit}>
        <TextInput
          flex={1}
          miw={0}
          name="question"
          aria-label="Your question"
          placeholder="Ask a question, e.g. when is the rent due?"
          value={question}
          onChange={(event) => setQuestion(event.currentTarget.value)}
          maxLength={1000}
          required
        />
        <Button type="submit" loading={busy}>
          Ask
        </Button>
      </FormRow>
      <Text aria-live="polite" c="dimmed" size="sm" mt="xs" data-testid="ask-status">
        {busy && 'Reading your documents…'}
        {!busy &&
          answer &&
          `${answer.passages.length} passages read in ${Math.round(answer.tookMs)} ms by the ${answer.answerer.name} answerer`}
      </Text>
      <ErrorAlert>{error}</ErrorAlert>
      {answer && <AnswerView answer={answer} />}
    </Paper>
  );
}

function AnswerView({ answer }: { answer: Answer }) {
  if (!answer.found) return <Text data-testid="no-answer">{answer.answer}</Text>;
  return (
    <>
      <Blockquote data-testid="answer" p="sm" my="sm">
        {answer.sentences.map((sentence, index) => (
          <span key={index}>
            {sentence.text}{' '}
            <sup>
              <Link to={at(sentence.citation)}>[{index + 1}]</Link>
            </sup>{' '}
          </span>
        ))}
      </Blockquote>
      <List type="ordered" className="citations" spacing="xs">
        {answer.sentences.map(({ citation }, index) => (
          <List.Item key={index} data-testid="citation">
            <Link to={at(citation)}>{citation.fileName}</Link>
            {citation.page !== null && (
              <Text component="span" c="dimmed" size="sm">
                {' '}
                p. {citation.page}
              </Text>
            )}{' '}
            <Snippet html={citation.snippet} />
          </List.Item>
        ))}
      </List>
    </>
  );
}
