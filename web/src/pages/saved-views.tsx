import { useState, type FormEvent } from 'react';
import { Link } from '../components';

const STORAGE = 'docpipe.savedViews';

export interface SavedView {
  name: string;
  /** The Documents view's query string (filters, sort, page size), as its URL states it. */
  search: string;
}

/** Kept in this browser (localStorage): a view is only its URL, so a saved view is a named bookmark. */
function readViews(): SavedView[] {
  try {
    const views = JSON.parse(localStorage.getItem(STORAGE) ?? '[]') as unknown;
    return Array.isArray(views)
      ? views.filter((view): view is SavedView => typeof view?.name === 'string' && typeof view?.search === 'string')
      : [];
  } catch {
    // A value some other code wrote is no list of views: start with none rather than break the page.
    return [];
  }
}

/** The saved views as links, and a form to save the view on screen under a name (the same name replaces it). */
export function SavedViews({ search }: { search: string }) {
  const [views, setViews] = useState(readViews);
  const [name, setName] = useState('');
  const keep = (next: SavedView[]) => {
    localStorage.setItem(STORAGE, JSON.stringify(next));
    setViews(next);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    keep([...views.filter((view) => view.name !== trimmed), { name: trimmed, search }]);
    setName('');
  };
  const current = (view: SavedView) => (view.search === search ? 'page' : undefined);
  return (
    <nav className="saved-views" aria-label="Saved views">
      {views.length > 0 && (
        <ul>
          {views.map((view) => (
            <li key={view.name}>
              <Link to={`/${view.search}`} current={current(view)}>
                {view.name}
              </Link>{' '}
              <button
                type="button"
                className="link"
                aria-label={`Remove saved view ${view.name}`}
                onClick={() => keep(views.filter((other) => other !== view))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={save}>
        <label>
          Save this view as
          <input name="view-name" value={name} maxLength={60} onChange={(event) => setName(event.target.value)} />
        </label>{' '}
        <button type="submit" disabled={name.trim() === ''}>
          Save view
        </button>
      </form>
    </nav>
  );
}
