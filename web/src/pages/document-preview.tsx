import { Button } from '@mantine/core';
import { AuthorizedImage } from '../authorized-image';

/**
 * The page as the gateway draws it (WebP), never the user's bytes opened at the app's origin: a PDF's scripts
 * or an HTML upload cannot run here. Pages are drawn on first request, so only the page shown is asked for.
 */
export function DocumentPreview({
  id,
  fileName,
  pages,
  page,
  onPage,
}: {
  id: string;
  fileName: string;
  pages: number;
  page: number;
  onPage: (page: number) => void;
}) {
  if (pages === 0) return <p className="muted">No preview until the text is extracted.</p>;
  return (
    <figure className="preview" data-testid="preview">
      <AuthorizedImage
        path={`/api/v1/documents/${id}/pages/${page}/image`}
        alt={`Page ${page} of ${fileName}`}
        className="page-image"
        fallback={<p className="muted">This page could not be drawn.</p>}
      />
      {pages > 1 && (
        <figcaption>
          <nav className="page-nav" aria-label="Preview pages">
            <Button size="compact-sm" variant="default" onClick={() => onPage(page - 1)} disabled={page <= 1}>
              ← Previous page
            </Button>
            <label>
              Page{' '}
              <input
                type="number"
                name="preview-page"
                min={1}
                max={pages}
                value={page}
                onChange={(event) => {
                  const next = Number(event.target.value);
                  if (next >= 1 && next <= pages) onPage(next);
                }}
              />{' '}
              of {pages}
            </label>
            <Button size="compact-sm" variant="default" onClick={() => onPage(page + 1)} disabled={page >= pages}>
              Next page →
            </Button>
          </nav>
        </figcaption>
      )}
    </figure>
  );
}
