import { Button } from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, describeFailure, type SearchResult } from '../api';
import { Link, OpenOriginal, Snippet, TypeBadge } from '../components';
import { navigate, useSearch, withQuery } from '../router';
import { apiParams, HITS_PER_PAGE, MODE_HELP, MODES, parseSearch, searchParams, type SearchParams } from '../search-params';
import { AskBox } from './ask-box';
import { SearchFacets } from './search-facets';

const go = (params: SearchParams) => navigate(withQuery('/search', searchParams(params)));

function SearchForm({ params }: { params: SearchParams }) {
  const [draft, setDraft] = useState(params);
  const set = (change: Partial<SearchParams>) => setDraft((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ ...draft, page: 1 });
  };
  return (
    <form className="search" role="search" onSubmit={submit}>
      <label className="query">
        <span className="visually-hidden">Search your documents</span>
        <input
          name="q"
          type="search"
          placeholder="Search your documents"
          value={draft.q}
          onChange={(event) => set({ q: event.target.value })}
          required
        />
      </label>
      <fieldset className="modes">
        <legend>Match</legend>
        {MODES.map((value) => (
          <label key={value} title={MODE_HELP[value]}>
            <input type="radio" name="mode" value={value} checked={draft.mode === value} onChange={() => set({ mode: value })} /> {value}
          </label>
        ))}
        <span className="muted" data-testid="mode-help">
          {MODE_HELP[draft.mode]}
        </span>
      </fieldset>
      <label>
        Type{' '}
        <input name="type" placeholder="e.g. invoice" value={draft.type ?? ''} onChange={(event) => set({ type: event.target.value })} />
      </label>
      <label>
        Tag <input name="tag" value={draft.tag ?? ''} onChange={(event) => set({ tag: event.target.value })} />
      </label>
      <label>
        From <input name="from" type="date" value={draft.from ?? ''} onChange={(event) => set({ from: event.target.value })} />
      </label>
      <label>
        To <input name="to" type="date" value={draft.to ?? ''} onChange={(event) => set({ to: event.target.value })} />
      </label>
      <Button type="submit">Search</Button>
    </form>
  );
}

export function SearchPage() {
  const search = useSearch();
  const params = useMemo(() => parseSearch(search), [search]);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!params.q) return setResult(null);
    let current = true;
    setBusy(true);
    api
      .search(apiParams(params))
      .then(
        (next) => {
          if (!current) return;
          setResult(next);
          setError(null);
        },
        (cause: unknown) => current && setError(describeFailure(cause)),
      )
      .finally(() => current && setBusy(false));
    return () => {
      current = false;
    };
  }, [params]);

  const pages = result ? Math.max(1, Math.ceil(result.total / HITS_PER_PAGE)) : 1;
  return (
    <section>
      <h1>Search</h1>
      <SearchForm key={search} params={params} />
      <AskBox params={params} />
      <div aria-live="polite" className="muted" data-testid="search-status">
        {busy && !result && 'Searching…'}
        {result &&
          `${result.total} ${result.total === 1 ? 'document' : 'documents'} in ${Math.round(result.tookMs)} ms${pages > 1 ? ` · page ${params.page} of ${pages}` : ''}`}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="search-results">
          <SearchFacets facets={result.facets} params={params} onChange={go} />
          <div>
            <ol className="hits" start={(params.page - 1) * HITS_PER_PAGE + 1}>
              {result.hits.map((hit) => (
                <li key={hit.documentId} data-testid="search-hit">
                  <Link to={`/documents/${hit.documentId}`}>{hit.fileName}</Link> <TypeBadge type={hit.documentType} confidence={null} />{' '}
                  <OpenOriginal id={hit.documentId} fileName={hit.fileName} />
                  {hit.highlights.map((highlight, i) => (
                    <p key={i} className="highlight">
                      {highlight.page !== null && (
                        <Link className="page" to={withQuery(`/documents/${hit.documentId}`, { page: highlight.page })}>
                          p. {highlight.page}
                        </Link>
                      )}{' '}
                      <Snippet html={highlight.snippet} />
                    </p>
                  ))}
                </li>
              ))}
            </ol>
            {pages > 1 && (
              <nav className="pager" aria-label="Result pages">
                {params.page > 1 && <Link to={withQuery('/search', searchParams({ ...params, page: params.page - 1 }))}>← Previous</Link>}
                {params.page < pages && <Link to={withQuery('/search', searchParams({ ...params, page: params.page + 1 }))}>Next →</Link>}
              </nav>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
