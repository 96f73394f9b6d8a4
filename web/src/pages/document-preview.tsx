import { Group, Pagination, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useInViewport } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { AuthorizedImage } from '../authorized-image';

const imagePath = (id: string, page: number) => `/api/v1/documents/${id}/pages/${page}/image`;

/** A page, small, as a button that shows it; drawn only once scrolled into view, as the server draws on first request. */
function PageThumbnail({ id, page, current, onPage }: { id: string; page: number; current: boolean; onPage: (page: number) => void }) {
  const { ref, inViewport } = useInViewport<HTMLButtonElement>();
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (inViewport) setSeen(true);
  }, [inViewport]);
  return (
    <UnstyledButton
      ref={ref}
      className="page-thumbnail"
      data-page={page}
      aria-label={`Show page ${page}`}
      aria-current={current ? 'page' : undefined}
      onClick={() => onPage(page)}
    >
      {seen ? (
        <AuthorizedImage path={imagePath(id, page)} alt="" className="thumbnail" fallback={<span className="thumbnail" />} />
      ) : (
        <span className="thumbnail image-loading" />
      )}
      <Text component="span" size="xs" ta="center" display="block">
        {page}
      </Text>
    </UnstyledButton>
  );
}

/**
 * The page as the gateway draws it (WebP), never the user's bytes opened at the app's origin: a PDF's scripts
 * or an HTML upload cannot run here. Pages are drawn on first request, so only the pages seen are asked for.
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
  if (pages === 0) return <Text c="dimmed">No preview until the text is extracted.</Text>;
  return (
    <figure className="preview" data-testid="preview">
      <AuthorizedImage
        path={imagePath(id, page)}
        alt={`Page ${page} of ${fileName}`}
        className="page-image"
        fallback={<Text c="dimmed">This page could not be drawn.</Text>}
      />
      {pages > 1 && (
        <figcaption>
          <Pagination
            component="nav"
            aria-label="Preview pages"
            total={pages}
            value={page}
            onChange={onPage}
            size="sm"
            my="xs"
            getItemProps={(item) => ({ 'aria-label': `Page ${item}` })}
            getControlProps={(control) => ({ 'aria-label': control === 'previous' ? 'Previous page' : 'Next page' })}
          />
          <ScrollArea type="auto" offsetScrollbars>
            <Group gap="xs" wrap="nowrap" data-testid="page-thumbnails">
              {Array.from({ length: pages }, (_, index) => (
                <PageThumbnail key={index + 1} id={id} page={index + 1} current={index + 1 === page} onPage={onPage} />
              ))}
            </Group>
          </ScrollArea>
        </figcaption>
      )}
    </figure>
  );
}
