import { Badge, Group, Stack, Text } from '@mantine/core';
import type { DocumentListFacets } from '../api';
import { Link } from '../components';
import { filterParams, type ListFilters } from '../list-filters';
import { withQuery } from '../router';

/** The list's facets, each with the URL filter it sets and what a person calls it. */
const FACETS: ReadonlyArray<{ name: keyof DocumentListFacets; filter: 'status' | 'type' | 'tag'; title: string }> = [
  { name: 'status', filter: 'status', title: 'Status' },
  { name: 'documentType', filter: 'type', title: 'Type' },
  { name: 'tag', filter: 'tag', title: 'Tag' },
];

/**
 * How many documents have each status, type and tag under the other filters. Each value is a link to the list
 * narrowed to it (the chosen one back out of it), so a narrowed view is a URL like any other.
 */
export function ListFacets({ facets, filters }: { facets: DocumentListFacets | undefined; filters: ListFilters }) {
  if (!facets) return null;
  return (
    <Stack component="section" aria-label="Counts by status, type and tag" gap={4} mb="sm" data-testid="list-facets">
      {FACETS.map(({ name, filter, title }) =>
        facets[name].length === 0 ? null : (
          <Group key={name} gap="xs" wrap="wrap" data-facet={filter}>
            <Text component="span" size="sm" fw={600}>
              {title}:
            </Text>
            {facets[name].map(({ value, count }) => {
              const chosen = filters[filter] === value;
              const narrowed = { ...filters, [filter]: chosen ? undefined : value, page: 1 } as ListFilters;
              return (
                <Link
                  key={value}
                  to={withQuery('/', filterParams(narrowed))}
                  current={chosen ? 'true' : undefined}
                  title={chosen ? `Any ${title.toLowerCase()} again` : `Only ${value}`}
                  className="facet-value"
                  data-value={value}
                  size="sm"
                  fw={chosen ? 700 : undefined}
                >
                  {value}{' '}
                  <Badge component="span" size="sm" variant={chosen ? 'filled' : 'default'} className="count">
                    {count}
                  </Badge>
                </Link>
              );
            })}
          </Group>
        ),
      )}
    </Stack>
  );
}
