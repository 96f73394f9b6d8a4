import { Badge, Checkbox, Fieldset, Stack } from '@mantine/core';
import type { SearchResult } from '../api';
import type { SearchParams } from '../search-params';

type Facet = SearchResult['facets']['tag'];

function FacetGroup({
  title,
  name,
  facet,
  chosen,
  onChoose,
}: {
  title: string;
  name: string;
  facet: Facet;
  chosen: string | undefined;
  onChoose: (value: string | undefined) => void;
}) {
  if (facet.length === 0 && !chosen) return null;
  return (
    <Fieldset legend={title} className="facet" data-facet={name} mb="md" p="sm">
      <Stack gap={6}>
        {facet.map(({ value, count }) => (
          <Checkbox
            key={value}
            checked={chosen === value}
            onChange={(event) => onChoose(event.currentTarget.checked ? value : undefined)}
            label={
              <>
                {value}{' '}
                <Badge component="span" variant="default" size="sm" className="count">
                  {count}
                </Badge>
              </>
            }
          />
        ))}
      </Stack>
    </Fieldset>
  );
}

/** Counts per type and tag among the hits; choosing one narrows the search to it (one value per facet, as the API takes). */
export function SearchFacets({
  facets,
  params,
  onChange,
}: {
  facets: SearchResult['facets'];
  params: SearchParams;
  onChange: (params: SearchParams) => void;
}) {
  return (
    <aside aria-label="Narrow the results">
      <FacetGroup
        title="Type"
        name="type"
        facet={facets.documentType}
        chosen={params.type}
        onChoose={(type) => onChange({ ...params, type, page: 1 })}
      />
      <FacetGroup title="Tag" name="tag" facet={facets.tag} chosen={params.tag} onChoose={(tag) => onChange({ ...params, tag, page: 1 })} />
    </aside>
  );
}
