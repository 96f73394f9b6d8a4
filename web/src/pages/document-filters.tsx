import { Button, Checkbox, NativeSelect, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, PageLinks } from '../components';
import { FormRow } from '../form-row';
import { TagAndDatesInputs } from '../tag-and-dates';
import { TypeInput } from '../type-input';
import { filterParams, isFiltered, PAGE_SIZES, SORTS, STATUSES, type ListFilters } from '../list-filters';
import { navigate, withQuery } from '../router';

/** The filters as a form; applying one puts it in the URL (back to page 1), which the list follows. */
export function DocumentFilters({ filters }: { filters: ListFilters }) {
  const [draft, setDraft] = useState(filters);
  const set = (change: Partial<ListFilters>) => setDraft((current) => ({ ...current, ...change }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery('/', filterParams({ ...draft, page: 1 })));
  };
  return (
    <FormRow className="filters" role="search" label="Filter documents" onSubmit={apply} mb="sm">
      <TextInput
        name="q"
        type="search"
        label="Name contains"
        value={draft.q ?? ''}
        onChange={(event) => set({ q: event.currentTarget.value })}
      />
      <NativeSelect
        name="status"
        label="Status"
        value={draft.status ?? ''}
        data={[{ value: '', label: 'any' }, ...STATUSES]}
        onChange={(event) => set({ status: (event.currentTarget.value || undefined) as ListFilters['status'] })}
      />
      <TypeInput value={draft.type ?? ''} onChange={(type) => set({ type })} />
      <TagAndDatesInputs value={draft} onChange={set} />
      <Checkbox
        name="stalled"
        label="only stalled"
        mb={8}
        checked={draft.stalled === 'true'}
        onChange={(event) => set({ stalled: event.currentTarget.checked ? 'true' : undefined })}
      />
      <NativeSelect
        name="sort"
        label="Sort"
        value={draft.sort}
        data={SORTS.map(([value, label]) => ({ value, label }))}
        onChange={(event) => set({ sort: event.currentTarget.value as ListFilters['sort'] })}
      />
      <NativeSelect
        name="size"
        label="Per page"
        value={String(draft.size)}
        data={[...new Set([...PAGE_SIZES, draft.size])].map(String)}
        onChange={(event) => set({ size: Number(event.currentTarget.value) })}
      />
      <Button type="submit">Apply</Button>
      {isFiltered(filters) && (
        <Link to={withQuery('/', { sort: filterParams(filters).sort, size: filterParams(filters).size })} mb={8}>
          Clear filters
        </Link>
      )}
    </FormRow>
  );
}

/** The list's pages: where the reader is among them, and the links either side. */
export function Pager({ filters, total }: { filters: ListFilters; total: number }) {
  const pages = Math.max(1, Math.ceil(total / filters.size));
  const to = (page: number) => withQuery('/', filterParams({ ...filters, page }));
  const first = total === 0 ? 0 : (filters.page - 1) * filters.size + 1;
  const last = Math.min(total, filters.page * filters.size);
  return (
    <PageLinks
      label="Pages"
      previous={filters.page > 1 ? to(filters.page - 1) : null}
      next={filters.page < pages ? to(filters.page + 1) : null}
    >
      <Text component="span" data-testid="page-info">
        {first}–{last} of {total} · page {Math.min(filters.page, pages)} of {pages}
      </Text>
    </PageLinks>
  );
}
