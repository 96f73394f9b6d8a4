import { fromBuffer } from 'file-type';
import { isKnownMediaType, knownMediaTypes } from '../media-types';
import { sniffText } from './text-sniffer';

export interface SniffedType {
  mediaType: string;
  /** How to name it to a person: "PDF", "ZIP archive (application/zip)". */
  description: string;
}

/**
 * What the bytes are, whatever the file name says: magic numbers first; then a strict look at text,
 * which also wins over a weak magic match on an unaccepted type (a text starting with "BM" is not a bitmap).
 * Undefined when the bytes are neither a recognised format nor text.
 */
export async function sniffMediaType(head: Buffer, fileName: string, complete: boolean): Promise<SniffedType | undefined> {
  const binary = await fromBuffer(head);
  if (binary && isKnownMediaType(binary.mime)) return { mediaType: binary.mime, description: knownMediaTypes[binary.mime] };
  const text = sniffText(head, fileName, complete);
  if (text) return { mediaType: text, description: knownMediaTypes[text] };
  if (binary) return { mediaType: binary.mime, description: `${binary.ext.toUpperCase()} (${binary.mime})` };
  return undefined;
}
