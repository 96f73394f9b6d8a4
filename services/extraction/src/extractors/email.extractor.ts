import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { htmlToText } from './html-text';

/** Headers a reader needs (subject, from, to, date), then the body; attachments are named, not opened. */
export class EmailExtractor implements Extractor {
  readonly name = 'email';
  readonly mediaTypes = ['message/rfc822'] as const;

  async extract({ bytes, text }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    const mail = await simpleParser(bytes, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
    const parts = [headerBlock(mail), bodyOf(mail), attachmentList(mail)].filter((part) => part !== '');
    return [{ text: text.spend(parts.join('\n\n')), ocr: false }];
  }
}

function headerBlock(mail: ParsedMail): string {
  const lines = [
    ['Subject', mail.subject],
    ['From', mail.from?.text],
    ['To', addresses(mail.to)],
    ['Cc', addresses(mail.cc)],
    ['Date', mail.date?.toISOString()],
  ];
  return lines.flatMap(([name, value]) => (value ? [`${name}: ${value}`] : [])).join('\n');
}

function bodyOf(mail: ParsedMail): string {
  if (mail.text?.trim()) return mail.text.replace(/\r\n?/g, '\n').trim();
  return mail.html ? htmlToText(mail.html) : '';
}

function attachmentList(mail: ParsedMail): string {
  if (mail.attachments.length === 0) return '';
  const names = mail.attachments.map(
    (attachment) => `- ${attachment.filename ?? 'unnamed'} (${attachment.contentType}, ${attachment.size} bytes)`,
  );
  return ['Attachments (not extracted):', ...names].join('\n');
}

function addresses(field: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!field) return undefined;
  return (Array.isArray(field) ? field : [field]).map((address) => address.text).join(', ');
}
