import { Autocomplete, Button, Radio } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormRow } from '../form-row';
import { navigate } from '../router';
import { MODE_HELP, MODES, type SearchParams } from '../search-params';
import { TagAndDatesInputs } from '../tag-and-dates';
import { TypeInput } from '../type-input';
import { useSuggestions } from './search-suggestions';

/** The search as a form: what to look for, how to match it, and the filters; submitting puts it in the URL. */
export function SearchForm({ params, onSearch }: { params: SearchParams; onSearch: (params: SearchParams) => void }) {
  const [draft, setDraft] = useState(params);
  const suggestions = useSuggestions(draft.q);
  const set = (change: Partial<SearchParams>) => setDraft((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ ...draft, page: 1 });
  };
  return (
    <FormRow className="search" role="search" label="Search your documents" onSubmit={submit} mb="md">
      <Autocomplete
        w="100%"
        size="md"
        name="q"
        type="search"
        aria-label="Search your documents"
        placeholder="Search your documents"
        description="Documents whose name matches are suggested as you type; choose one to open it."
        inputWrapperOrder={['input', 'description']}
        value={draft.q}
        onChange={(q) => set({ q })}
        data={[...new Set(suggestions.map((suggestion) => suggestion.name))]}
        // The list endpoint already matched: every suggestion it answered is shown.
        filter={({ options }) => options}
        onOptionSubmit={(name) => {
          const chosen = suggestions.find((suggestion) => suggestion.name === name);
          if (chosen) navigate(`/documents/${chosen.id}`);
        }}
        required
      />
      <Radio.Group
        w="100%"
        name="mode"
        label="Match"
        description={<span data-testid="mode-help">{MODE_HELP[draft.mode]}</span>}
        value={draft.mode}
        onChange={(mode) => set({ mode: mode as SearchParams['mode'] })}
      >
        {MODES.map((mode) => (
          <Radio key={mode} value={mode} label={mode} title={MODE_HELP[mode]} display="inline-block" mr="md" mt={4} />
        ))}
      </Radio.Group>
      <TypeInput placeholder="e.g. invoice" value={draft.type ?? ''} onChange={(type) => set({ type })} />
      <TagAndDatesInputs value={draft} onChange={set} />
      <Button type="submit">Search</Button>
    </FormRow>
  );
}
