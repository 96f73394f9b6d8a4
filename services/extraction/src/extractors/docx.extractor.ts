import mammoth from 'mammoth';
import { ExtractionFailedError } from '../extraction.errors';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { htmlToText } from './html-text';
import { assertZipWithinLimits } from './zip-guard';

const PAGE_BREAK = '<hr class="page-break" />';

/** Word documents through mammoth; explicit page breaks split pages (layout pagination is not known). */
export class DocxExtractor implements Extractor {
  readonly name = 'docx';
  readonly mediaTypes = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'] as const;

  async extract({ bytes, limits, deadline, text }: ExtractionInput): Promise<PageText[]> {
    await assertZipWithinLimits(bytes, limits, deadline);
    const html = await mammoth
      .convertToHtml({ buffer: bytes }, { styleMap: ["br[type='page'] => hr.page-break"] })
      .catch((error: unknown) => {
        throw new ExtractionFailedError(
          'corrupt_file',
          `The DOCX could not be read: ${error instanceof Error ? error.message : String(error)}. Re-save it in Word or LibreOffice and upload it again.`,
          { cause: error },
        );
      });
    deadline.check();
    return html.value.split(PAGE_BREAK).map((page) => ({ text: text.spend(htmlToText(page)), ocr: false }));
  }
}
