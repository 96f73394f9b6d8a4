/**
 * `attachment` with the file name both as a plain ASCII fallback and RFC 5987-encoded, so no name
 * (quotes, newlines, non-Latin letters) can break the header or be read as a path.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\/%;]/g, '_').trim() || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
