import { extname } from 'node:path';
import { fromBuffer } from 'file-type';
import { isKnownMediaType, knownMediaTypes } from '@docpipe/contracts';
import { sniffText } from './text-sniffer';

export interface SniffedType {
  mediaType: string;
  /** How to name it to a person: "PDF", "ZIP archive (application/zip)". */
  description: string;
}

// An Outlook message is a compound file (like DOC and XLS) whose directory names MAPI property streams;
// a Word 97–2003 document's directory names its WordDocument stream.
const MSG_STREAM_NAME = Buffer.from('__substg1.0_', 'utf16le');
const WORD_STREAM_NAME = Buffer.from('WordDocument', 'utf16le');
// Word writes the directory at the end of the file, past the sniffed head of a document over SNIFF_BYTES: there
// a compound file named .doc/.dot is taken as Word's, and extraction refuses it as corrupt if it is not.
const WORD_EXTENSIONS = new Set(['.doc', '.dot']);

/**
 * What the bytes are, whatever the file name says: magic numbers first; then a strict look at text,
 * which also wins over a weak magic match on an unaccepted type (a text starting with "BM" is not a bitmap).
 * Undefined when the bytes are neither a recognised format nor text.
 */
export async function sniffMediaType(head: Buffer, fileName: string, complete: boolean): Promise<SniffedType | undefined> {
  const binary = await fromBuffer(head);
  const mime =
    binary?.mime === 'application/x-cfb'
      ? compoundFileType(head, fileName)
      : binary?.mime === 'image/bmp' && !isBitmap(head)
        ? undefined
        : binary?.mime;
  const text = sniffText(head, fileName, complete);
  // An XHTML page starts with an XML prologue too; it is read as HTML.
  if (mime === 'application/xml' && text === 'text/html') return { mediaType: text, description: knownMediaTypes[text] };
  if (mime && isKnownMediaType(mime)) return { mediaType: mime, description: knownMediaTypes[mime] };
  if (text) return { mediaType: text, description: knownMediaTypes[text] };
  if (binary) return { mediaType: binary.mime, description: `${binary.ext.toUpperCase()} (${binary.mime})` };
  return undefined;
}

function compoundFileType(head: Buffer, fileName: string): string {
  if (head.includes(MSG_STREAM_NAME)) return 'application/vnd.ms-outlook';
  if (head.includes(WORD_STREAM_NAME) || WORD_EXTENSIONS.has(extname(fileName).toLowerCase())) return 'application/msword';
  return 'application/x-cfb';
}

// BMP's magic number is only "BM", which text starts with too (BMW.txt): a bitmap also has one of the
// DIB header sizes its versions define, and its pixels start after that header.
const DIB_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

function isBitmap(head: Buffer): boolean {
  if (head.length < 26) return false;
  const dibHeaderSize = head.readUInt32LE(14);
  return DIB_HEADER_SIZES.has(dibHeaderSize) && head.readUInt32LE(10) >= 14 + dibHeaderSize;
}
