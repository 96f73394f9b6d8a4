import { useState, type FormEvent } from 'react';
import { Link } from '../components';
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
    <form className="filters" role="search" aria-label="Filter documents" onSubmit={apply}>
      <label>
        Name contains
        <input name="q" type="search" value={draft.q ?? ''} onChange={(event) => set({ q: event.target.value })} />
      </label>
      <label>
        Status
        <select
          name="status"
          value={draft.status ?? ''}
          onChange={(event) => set({ status: (event.target.value || undefined) as ListFilters['status'] })}
        >
          <option value="">any</option>
          {STATUSES.map((status) => (
            <option key={status}>{status}</option>
          ))}
        </select>
      </label>
      <label>
        Type
        <input name="type" value={draft.type ?? ''} onChange={(event) => set({ type: event.target.value })} />
      </label>
      <label>
        Tag
        <input name="tag" value={draft.tag ?? ''} onChange={(event) => set({ tag: event.target.value })} />
      </label>
      <label>
        Uploaded from
        <input name="from" type="date" value={draft.from ?? ''} onChange={(event) => set({ from: event.target.value })} />
      </label>
      <label>
        to
        <input name="to" type="date" value={draft.to ?? ''} onChange={(event) => set({ to: event.target.value })} />
      </label>
      <label className="inline">
        <input
          name="stalled"
          type="checkbox"
          checked={draft.stalled === 'true'}
          onChange={(event) => set({ stalled: event.target.checked ? 'true' : undefined })}
        />
        only stalled
      </label>
      <label>
        Sort
        <select name="sort" value={draft.sort} onChange={(event) => set({ sort: event.target.value as ListFilters['sort'] })}>
          {SORTS.map(([sort, label]) => (
            <option key={sort} value={sort}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Per page
        <select name="size" value={draft.size} onChange={(event) => set({ size: Number(event.target.value) })}>
          {[...new Set([...PAGE_SIZES, draft.size])].map((size) => (
            <option key={size}>{size}</option>
          ))}
        </select>
      </label>
      <button type="submit">Apply</button>
      {isFiltered(filters) && (
        <Link to={withQuery('/', { sort: filterParams(filters).sort, size: filterParams(filters).size })}>Clear filters</Link>
      )}
    </form>
  );
}

/** Previous and next as links with the page in the URL, so each page can be bookmarked or opened in a new tab. */
export function Pager({ filters, total }: { filters: ListFilters; total: number }) {
  const pages = Math.max(1, Math.ceil(total / filters.size));
  const to = (page: number) => withQuery('/', filterParams({ ...filters, page }));
  const first = total === 0 ? 0 : (filters.page - 1) * filters.size + 1;
  const last = Math.min(total, filters.page * filters.size);
  return (
    <nav className="pager" aria-label="Pages">
      {filters.page > 1 ? <Link to={to(filters.page - 1)}>← Previous</Link> : <span aria-hidden="true">← Previous</span>}
      <span data-testid="page-info">
        {first}–{last} of {total} · page {Math.min(filters.page, pages)} of {pages}
      </span>
      {filters.page < pages ? <Link to={to(filters.page + 1)}>Next →</Link> : <span aria-hidden="true">Next →</span>}
    </nav>
  );
}
