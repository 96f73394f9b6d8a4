import { basename } from 'node:path/posix';

const MAX_LENGTH = 255;

/**
 * The name a client gave a file, reduced to a harmless label: no directories (`../../etc/passwd`
 * becomes `passwd`), no control, format or bidirectional characters (`invoice\u202Efdp.exe` would display
 * as `invoiceexe.pdf`), no line or paragraph separators, at most 255 UTF-16 units. It is only ever metadata;
 * object keys are made by the server.
 */
export function sanitiseFileName(offered: string | undefined): string {
  const lastSegment = basename((offered ?? '').normalize('NFC').replace(/\\/g, '/'));
  const printable = lastSegment.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').trim();
  const name = printable === '.' || printable === '..' ? '' : printable;
  return shorten(name) || 'upload';
}

/** At most MAX_LENGTH UTF-16 units (what the contracts count), keeping the extension, which helps tell text formats apart. */
function shorten(name: string): string {
  if (name.length <= MAX_LENGTH) return name;
  const extension = /\.[^.]{1,15}$/.exec(name)?.[0] ?? '';
  let kept = '';
  for (const char of name.slice(0, name.length - extension.length)) {
    if (kept.length + char.length > MAX_LENGTH - extension.length) break;
    kept += char;
  }
  return kept + extension;
}
