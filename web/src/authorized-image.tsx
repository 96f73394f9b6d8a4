import { useEffect, useState, type ReactNode } from 'react';
import { api } from './api';

type ImageState = { url: string } | { missing: string } | null;

/**
 * An image the API serves behind the key, which an <img src> cannot send: fetched, then shown from an object URL.
 * Only the gateway's own WebP drawings come this way, never a user's bytes, so nothing at the app's origin can run.
 */
export function AuthorizedImage({
  path,
  alt,
  className,
  fallback,
}: {
  path: string;
  alt: string;
  className?: string;
  fallback: ReactNode;
}) {
  const [state, setState] = useState<ImageState>(null);
  useEffect(() => {
    let url: string | null = null;
    let current = true;
    setState(null);
    api.image(path).then(
      (blob) => {
        if (!current) return;
        url = URL.createObjectURL(blob);
        setState({ url });
      },
      (cause: Error) => current && setState({ missing: cause.message }),
    );
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [path]);
  if (state && 'url' in state) return <img src={state.url} alt={alt} className={className} />;
  if (state && 'missing' in state) return <>{fallback}</>;
  return <span className={`${className ?? ''} image-loading`} aria-hidden="true" />;
}

const ICONS: Array<[RegExp, string]> = [
  [/pdf/, 'PDF'],
  [/^image\//, 'IMG'],
  [/word|officedocument\.wordprocessing|opendocument\.text|rtf/, 'DOC'],
  [/sheet|excel|csv/, 'XLS'],
  [/presentation|powerpoint/, 'PPT'],
  [/html|xml/, 'HTML'],
  [/message|rfc822|outlook/, 'MAIL'],
  [/^text\//, 'TXT'],
];

/** What a document is, in three or four letters, until (or instead of) its thumbnail. */
export function TypeIcon({ mediaType }: { mediaType: string }) {
  const label = ICONS.find(([pattern]) => pattern.test(mediaType))?.[1] ?? 'FILE';
  return (
    <span className="type-icon" title={mediaType} aria-hidden="true">
      {label}
    </span>
  );
}

/** The first page, small, or the type icon while there is none (not extracted yet, or not drawable). */
export function Thumbnail({ id, mediaType, ready }: { id: string; mediaType: string; ready: boolean }) {
  if (!ready) return <TypeIcon mediaType={mediaType} />;
  return (
    <AuthorizedImage
      path={`/api/v1/documents/${id}/thumbnail`}
      alt=""
      className="thumbnail"
      fallback={<TypeIcon mediaType={mediaType} />}
    />
  );
}
