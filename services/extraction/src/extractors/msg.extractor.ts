import MsgReader, { type FieldsData } from '@kenjiuno/msgreader';
import { ExtractionFailedError } from '../extraction.errors';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { htmlToText } from './html-text';

/** Outlook messages as the e-mail extractor lays them out: headers a reader needs, the body, attachments named. */
export class MsgExtractor implements Extractor {
  readonly name = 'msg';
  readonly mediaTypes = ['application/vnd.ms-outlook'] as const;

  async extract({ bytes, text }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    const message = read(bytes);
    const parts = [headerBlock(message), bodyOf(message), attachmentList(message)].filter((part) => part !== '');
    return [{ text: text.spend(parts.join('\n\n')), ocr: false }];
  }
}

function read(bytes: Buffer): FieldsData {
  const fail = (reason: string, cause?: unknown) =>
    new ExtractionFailedError(
      'corrupt_file',
      `The Outlook message could not be read: ${reason}. Save it again from Outlook and upload it.`,
      {
        cause,
      },
    );
  let message: FieldsData;
  try {
    message = new MsgReader(new Uint8Array(bytes).buffer).getFileData();
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error), error);
  }
  if (message.error) throw fail(message.error);
  return message;
}

function headerBlock(message: FieldsData): string {
  const from =
    message.senderName && message.senderEmail
      ? `${message.senderName} <${message.senderEmail}>`
      : (message.senderName ?? message.senderEmail);
  const lines = [
    ['Subject', message.subject],
    ['From', from],
    ['To', (message.recipients ?? []).map((recipient) => recipient.email ?? recipient.name).join(', ')],
    ['Date', message.clientSubmitTime ?? message.messageDeliveryTime ?? message.creationTime],
  ];
  return lines.flatMap(([name, value]) => (value ? [`${name}: ${value}`] : [])).join('\n');
}

function bodyOf(message: FieldsData): string {
  if (message.body?.trim()) return message.body.replace(/\r\n?/g, '\n').trim();
  if (message.bodyHtml) return htmlToText(message.bodyHtml);
  return message.html ? htmlToText(new TextDecoder().decode(message.html)) : '';
}

function attachmentList(message: FieldsData): string {
  const attachments = message.attachments ?? [];
  if (attachments.length === 0) return '';
  const names = attachments.map((attachment) => `- ${attachment.fileName ?? attachment.name ?? 'unnamed'}`);
  return ['Attachments (not extracted):', ...names].join('\n');
}
