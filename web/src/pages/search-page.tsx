import { Grid, Group, List, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { api, describeFailure, type SearchHit, type SearchResult } from '../api';
import { Thumbnail } from '../authorized-image';
import { ErrorAlert, Link, OpenOriginal, PageLinks, Snippet, TypeBadge } from '../components';
import { navigate, useSearch, withQuery } from '../router';
import { apiParams, HITS_PER_PAGE, parseSearch, searchParams, type SearchParams } from '../search-params';
import { AskBox } from './ask-box';
import { SearchFacets } from './search-facets';
import { SearchForm } from './search-form';

const go = (params: SearchParams) => navigate(withQuery('/search', searchParams(params)));

/** A hit: its name and type, then each matching passage with the page it stands on, which opens the document there. */
function Hit({ hit }: { hit: SearchHit }) {
  return (
    <List.Item data-testid="search-hit" mb="md">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Thumbnail id={hit.documentId} mediaType="" ready />
        <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          <Link to={`/documents/${hit.documentId}`} fw={600}>
            {hit.fileName}
          </Link>{' '}
          <TypeBadge type={hit.documentType} confidence={null} /> <OpenOriginal id={hit.documentId} fileName={hit.fileName} />
          {hit.highlights.map((highlight, i) => (
            <Text key={i} className="highlight" my={4}>
              {highlight.page !== null && (
                <Link className="page" size="sm" to={withQuery(`/documents/${hit.documentId}`, { page: highlight.page })}>
                  p. {highlight.page}
                </Link>
              )}{' '}
              <Snippet html={highlight.snippet} />
            </Text>
          ))}
        </div>
      </Group>
    </List.Item>
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
  const at = (page: number) => withQuery('/search', searchParams({ ...params, page }));
  return (
    <section>
      <Title order={1}>Search</Title>
      <SearchForm key={search} params={params} onSearch={go} />
      <AskBox params={params} />
      <Text aria-live="polite" c="dimmed" size="sm" data-testid="search-status">
        {busy && !result && 'Searching…'}
        {result &&
          `${result.total} ${result.total === 1 ? 'document' : 'documents'} in ${Math.round(result.tookMs)} ms${pages > 1 ? ` · page ${params.page} of ${pages}` : ''}`}
      </Text>
      <ErrorAlert>{error}</ErrorAlert>
      {result && (
        <Grid gap="lg" mt="sm">
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <SearchFacets facets={result.facets} params={params} onChange={go} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 9 }}>
            <List type="ordered" listStyleType="none" className="hits" start={(params.page - 1) * HITS_PER_PAGE + 1}>
              {result.hits.map((hit) => (
                <Hit key={hit.documentId} hit={hit} />
              ))}
            </List>
            {pages > 1 && (
              <PageLinks
                label="Result pages"
                previous={params.page > 1 ? at(params.page - 1) : null}
                next={params.page < pages ? at(params.page + 1) : null}
              />
            )}
          </Grid.Col>
        </Grid>
      )}
    </section>
  );
}
