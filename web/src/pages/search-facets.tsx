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
    <fieldset className="facet" data-facet={name}>
      <legend>{title}</legend>
      <ul>
        {facet.map(({ value, count }) => (
          <li key={value}>
            <label>
              <input type="checkbox" checked={chosen === value} onChange={(event) => onChoose(event.target.checked ? value : undefined)} />{' '}
              {value} <span className="count">{count}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
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
    <aside className="facets" aria-label="Narrow the results">
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
