import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { assertPageCount } from '../limits';
import { attachmentText } from './attachment-text';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { ExtractorRegistry } from './extractor-registry';
import { htmlToText } from './html-text';

/**
 * Headers a reader needs (subject, from, to, date) and the body on the first page, then the pages of the attachments
 * that `documents` can read; the others are named on the first page.
 */
export class EmailExtractor implements Extractor {
  readonly name = 'email';
  readonly mediaTypes = ['message/rfc822'] as const;

  /** Without `documents` (tools that read messages alone), attachments are only named. */
  constructor(private readonly documents = new ExtractorRegistry([])) {}

  async extract(input: ExtractionInput): Promise<PageText[]> {
    input.text.assertInputFits(input.bytes.length);
    const mail = await simpleParser(asciiCompatible(input.bytes), {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
    const files = mail.attachments
      .filter((attachment) => !(attachment.related && attachment.contentType.startsWith('image/')))
      .map((attachment) => ({ name: attachment.filename ?? 'unnamed', contentType: attachment.contentType, content: attachment.content }));
    const attached = await attachmentText(files, this.documents, input);
    const unread = attached.unread.length > 0 ? `Attachments not extracted: ${attached.unread.join(', ')}` : '';
    const first = [headerBlock(mail), bodyOf(mail), unread].filter((part) => part !== '').join('\n\n');
    assertPageCount(1 + attached.pages.length, input.limits);
    return [first, ...attached.pages].map((page, index) => ({ text: index === 0 ? input.text.spend(page) : page, ocr: false }));
  }
}

/** A message saved as UTF-16 (some Windows tools do) as the 8-bit text MIME is written in; other bytes as they are. */
function asciiCompatible(bytes: Buffer): Buffer {
  const bom = bytes[0] === 0xff && bytes[1] === 0xfe ? 'le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'be' : undefined;
  const le = bom === 'le' || (!bom && bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0 && bytes[2] !== 0);
  const be = bom === 'be' || (!bom && bytes.length >= 4 && bytes[0] === 0 && bytes[2] === 0 && bytes[1] !== 0 && bytes[3] !== 0);
  if (!le && !be) return bytes;
  return Buffer.from(new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes), 'utf8');
}

function headerBlock(mail: ParsedMail): string {
  const lines = [
    ['Subject', mail.subject],
    ['From', mail.from?.text],
    ['To', addresses(mail.to)],
    ['Cc', addresses(mail.cc)],
    ['Date', writtenDate(mail)],
  ];
  return lines.flatMap(([name, value]) => (value ? [`${name}: ${value}`] : [])).join('\n');
}

/**
 * The Date header as the sender wrote it (`Tue, 1 Oct 2024 10:34:56 -0700`), as mail programs show it: converted to
 * UTC the date of a message sent in the evening west of Greenwich would move to the next day.
 */
function writtenDate(mail: ParsedMail): string | undefined {
  const line = mail.headerLines.find((header) => header.key === 'date')?.line;
  const written = line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\s+/g, ' ')
    .trim();
  return written || mail.date?.toISOString();
}

function bodyOf(mail: ParsedMail): string {
  if (mail.text?.trim()) return mail.text.replace(/\r\n?/g, '\n').trim();
  return mail.html ? htmlToText(mail.html) : '';
}

function addresses(field: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!field) return undefined;
  return (Array.isArray(field) ? field : [field]).map((address) => address.text).join(', ');
}
