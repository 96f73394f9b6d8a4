import { Button, CloseButton, Group, TextInput } from '@mantine/core';
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
    <Group component="nav" className="saved-views" aria-label="Saved views" align="flex-end" gap="sm" mb="sm">
      {views.length > 0 && (
        <Group component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
          {views.map((view) => (
            <Group component="li" key={view.name} gap={2} wrap="nowrap">
              <Link to={`/${view.search}`} current={current(view)}>
                {view.name}
              </Link>
              <CloseButton
                size="sm"
                aria-label={`Remove saved view ${view.name}`}
                onClick={() => keep(views.filter((other) => other !== view))}
              />
            </Group>
          ))}
        </Group>
      )}
      <form onSubmit={save}>
        <Group align="flex-end" gap="xs">
          <TextInput
            name="view-name"
            label="Save this view as"
            value={name}
            maxLength={60}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Button type="submit" variant="default" disabled={name.trim() === ''}>
            Save view
          </Button>
        </Group>
      </form>
    </Group>
  );
}
