/**
 * `attachment` with the file name both as a plain ASCII fallback and RFC 5987-encoded, so no name
 * (quotes, newlines, non-Latin letters) can break the header or be read as a path.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\/%;]/g, '_').trim() || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** For anything drawn from a user's document: opened on its own, it runs no script and has a unique origin. */
export const SANDBOX_POLICY = "sandbox; default-src 'none'";

/**
 * Headers for bytes a user uploaded, which are someone else's content at our origin: always a download,
 * never sniffed into another type, and sandboxed (no scripts, a unique origin) should a browser render it anyway.
 */
export function userContentHeaders(document: { mediaType: string; fileName: string }): Record<string, string> {
  return {
    'Content-Type': document.mediaType,
    'Content-Disposition': attachmentDisposition(document.fileName),
    'Content-Security-Policy': SANDBOX_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}
