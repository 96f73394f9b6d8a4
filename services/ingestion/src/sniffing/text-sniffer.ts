import { extname } from 'node:path';

export type TextMediaType =
  'text/plain' | 'text/html' | 'text/markdown' | 'text/asciidoc' | 'text/csv' | 'text/vtt' | 'message/rfc822' | 'application/xml';

// Below this share of stray control characters (form feeds, a DOS end-of-file mark) text is still text.
const MAX_CONTROL_SHARE = 0.01;

// The WebVTT specification requires this signature on the first line, so it decides without the name.
const WEBVTT_SIGNATURE = /^WEBVTT([ \t].*)?(\r?\n|$)/;
const HTML_START = /^(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;
const XML_PROLOGUE_OR_COMMENTS = /^(\s*(<\?xml[^>]*\?>|<!--[\s\S]*?-->))*\s*/;
const HEADER_LINE = /^[!-9;-~]+:/;
const FOLDED_LINE = /^[ \t]+\S/;
const EMAIL_HEADERS = new Set(['date', 'subject', 'to', 'message-id', 'received', 'mime-version', 'return-path']);

/** The extension picks a subtype only among text types, and only after the content is known to be text. */
const textTypeByExtension: Record<string, TextMediaType> = {
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.adoc': 'text/asciidoc',
  '.asciidoc': 'text/asciidoc',
  '.csv': 'text/csv',
  '.htm': 'text/html',
  '.html': 'text/html',
};

const MARKUP_START = /^\s*</;
const XML_DOCTYPE = /^<!DOCTYPE\s+(?!html\b)[A-Za-z_][\w.:-]*\s+(PUBLIC|SYSTEM)\s/i;
// .nxml is PubMed Central's name for JATS articles.
const XML_EXTENSIONS = new Set(['.xml', '.nxml']);

/**
 * The text type of `head` (the first bytes of a file, or all of them when `complete`), or undefined
 * when it is not text: it must be valid UTF-8 with no NUL and almost no control characters.
 */
export function sniffText(head: Buffer, fileName: string, complete: boolean): TextMediaType | undefined {
  const text = decodeUtf8(head, complete);
  if (text === undefined || !looksLikeText(text)) return undefined;
  const body = text.replace(/^\uFEFF/, '');
  if (WEBVTT_SIGNATURE.test(body)) return 'text/vtt';
  if (HTML_START.test(body.replace(XML_PROLOGUE_OR_COMMENTS, ''))) return 'text/html';
  if (looksLikeEmail(body)) return 'message/rfc822';
  const extension = extname(fileName).toLowerCase();
  // A document type declaration other than HTML's names an XML vocabulary (JATS articles start so, without a prologue).
  if (XML_DOCTYPE.test(body.replace(XML_PROLOGUE_OR_COMMENTS, ''))) return 'application/xml';
  // Other XML without a prologue is only told from text by its name.
  if (XML_EXTENSIONS.has(extension) && MARKUP_START.test(body)) return 'application/xml';
  return textTypeByExtension[extension] ?? 'text/plain';
}

function decodeUtf8(bytes: Buffer, complete: boolean): string | undefined {
  try {
    // Streaming mode tolerates a character cut in half at the end of a head that is not the whole file.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
  } catch {
    return undefined;
  }
}

function looksLikeText(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return false;
    if (isStrayControl(code)) controls++;
  }
  return controls <= text.length * MAX_CONTROL_SHARE;
}

/** C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape; and DEL. */
function isStrayControl(code: number): boolean {
  return (code < 0x20 && !(code >= 0x09 && code <= 0x0d) && code !== 0x1b) || code === 0x7f;
}

/** RFC 5322 headers up to the first blank line, with From and at least one other header a mail always has. */
function looksLikeEmail(text: string): boolean {
  const lines = text.split(/\r?\n/);
  const blank = lines.indexOf('');
  const header = blank === -1 ? lines : lines.slice(0, blank);
  if (header.length < 2 || !header.every((line) => HEADER_LINE.test(line) || FOLDED_LINE.test(line))) return false;
  const names = header.filter((line) => HEADER_LINE.test(line)).map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
  return names.includes('from') && names.some((name) => EMAIL_HEADERS.has(name));
}
