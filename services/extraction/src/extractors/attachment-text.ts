import { fromBuffer } from 'file-type';
import { ExtractionFailedError, type ExtractionFailureCode } from '../extraction.errors';
import type { ExtractionInput } from './extractor';
import { parseMediaType, type ExtractorRegistry } from './extractor-registry';

export interface AttachedFile {
  name: string;
  /** As the message declares it, parameters included. */
  contentType: string;
  content: Buffer;
}

export interface AttachmentText {
  /** Pages of the attachments that were read, each one's first page headed by its name. */
  pages: string[];
  /** Names of the attachments left unread (pictures, sound, formats without an extractor, damaged files). */
  unread: string[];
}

// An attachment that cannot be read is named, not fatal: the message itself still is.
const UNREADABLE = new Set<ExtractionFailureCode>(['corrupt_file', 'password_protected', 'unsupported_media_type']);

/**
 * The text of a message's attachments, each read by the extractor of its format within the message's own limits,
 * deadline and text budget. `documents` holds no message extractors, so a forwarded message's attachments stay named
 * only and nesting cannot recurse. Pictures are not OCRed: in mail they are mostly logos and signatures.
 */
export async function attachmentText(files: AttachedFile[], documents: ExtractorRegistry, input: ExtractionInput): Promise<AttachmentText> {
  const result: AttachmentText = { pages: [], unread: [] };
  for (const file of files) {
    input.deadline.check();
    const { mediaType, charset } = await readableType(file, documents);
    if (!mediaType) {
      result.unread.push(file.name);
      continue;
    }
    try {
      const pages = await documents.forMediaType(mediaType).extract({ ...input, bytes: file.content, mediaType, charset });
      const texts = pages.map((page) => page.text);
      texts[0] = `## Attachment: ${file.name}\n\n${texts[0] ?? ''}`.trim();
      result.pages.push(...texts);
    } catch (error) {
      if (!(error instanceof ExtractionFailedError && UNREADABLE.has(error.code))) throw error;
      result.unread.push(file.name);
    }
  }
  return result;
}

/** The declared type when an extractor takes it, else the type its bytes show (mail often says octet-stream). */
async function readableType(file: AttachedFile, documents: ExtractorRegistry): Promise<{ mediaType?: string; charset?: string }> {
  const declared = parseMediaType(file.contentType);
  const sniffed = documents.mediaTypes.includes(declared.mediaType) ? declared : { mediaType: await sniff(file.content) };
  if (!sniffed.mediaType || !documents.mediaTypes.includes(sniffed.mediaType) || sniffed.mediaType.startsWith('image/')) return {};
  return sniffed;
}

async function sniff(content: Buffer): Promise<string | undefined> {
  // file-type fails on input shorter than the signatures it probes for: such a file has no type it could show.
  return (await fromBuffer(content).catch(() => undefined))?.mime;
}
