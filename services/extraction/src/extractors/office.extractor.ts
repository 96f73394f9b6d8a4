import { OfficeGenerator, OfficeParser, type OfficeContentNode, type OfficeParserAST, type SupportedFileType } from 'officeparser';
import { ExtractionFailedError } from '../extraction.errors';
import { assertPageCount } from '../limits';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { SpreadsheetExtractor } from './spreadsheet.extractor';
import { assertZipWithinLimits } from './zip-guard';

const fileTypes: Record<string, SupportedFileType> = {
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/epub+zip': 'epub',
  'application/rtf': 'rtf',
};

// Every one of these but RTF is a zip package.
const ZIPPED = new Set<SupportedFileType>(['pptx', 'odt', 'odp', 'epub']);

/**
 * Presentations, OpenDocument text and slides, EPUB and RTF through officeparser's document tree,
 * rendered as Markdown: a slide (with its speaker notes) is a page; a text document is one page.
 * Workbooks (XLSX, ODS) go to SpreadsheetExtractor, which applies number formats (officeparser gives raw stored values).
 */
export class OfficeExtractor implements Extractor {
  readonly name = 'office';
  private readonly workbooks = new SpreadsheetExtractor();
  readonly mediaTypes = [...Object.keys(fileTypes), ...this.workbooks.mediaTypes];

  async extract(input: ExtractionInput): Promise<PageText[]> {
    if (this.workbooks.mediaTypes.includes(input.mediaType)) return this.workbooks.extract(input);
    const { bytes, mediaType, limits, deadline, text } = input;
    const fileType = fileTypes[mediaType];
    if (ZIPPED.has(fileType)) await assertZipWithinLimits(bytes, limits, deadline);
    else text.assertInputFits(bytes.length);
    const ast = await deadline.race(parse(bytes, fileType, limits.maxArchiveBytes, limits.maxArchiveEntries, deadline.signal));
    const pageNodes = ast.content.filter((node) => node.type === 'slide');
    const pages = pageNodes.length > 0 ? pageNodes.map((node) => [node]) : [ast.content];
    assertPageCount(pages.length, limits);
    const result: PageText[] = [];
    for (const nodes of pages) {
      deadline.check();
      result.push({ text: text.spend(await renderPage(ast, nodes)), ocr: false });
    }
    return result;
  }
}

async function parse(bytes: Buffer, fileType: SupportedFileType, maxBytes: number, maxEntries: number, signal: AbortSignal) {
  try {
    return await OfficeParser.parseOffice(bytes, {
      fileType,
      ocr: false,
      extractAttachments: false,
      ignoreComments: true,
      abortSignal: signal,
      decompressionLimits: { maxUncompressedBytes: maxBytes, maxZipEntries: maxEntries },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/LIMIT_EXCEEDED/.test(reason)) {
      throw new ExtractionFailedError('archive_bomb', `The document is refused as a decompression bomb: ${reason}.`, { cause: error });
    }
    throw new ExtractionFailedError(
      'corrupt_file',
      `The ${fileType.toUpperCase()} could not be read: ${reason}. Re-save it in its office program and upload it again.`,
      { cause: error },
    );
  }
}

async function renderPage(ast: OfficeParserAST, nodes: OfficeContentNode[]): Promise<string> {
  // Without the document's properties, which the generator writes as YAML front matter (author, dates, template ids), and
  // without HTML tags (a centred title became `<div style="text-align: center">`): the page is text, not a web page.
  const markdown = (
    await OfficeGenerator.generate({ ...ast, metadata: {}, content: nodes }, 'md', {
      generateIds: false,
      ignoreInternalLinks: true,
      mdConfig: { fallbackToHtml: false },
    })
  ).value;
  const parts = [stripRule(markdown), ...nodes.flatMap(notesOf)];
  return parts.filter((part) => part.trim() !== '').join('\n\n');
}

// The generator separates slides with a rule; each is its own page here.
function stripRule(markdown: string): string {
  return markdown.replace(/^(\s*---\s*\n)+/, '').trim();
}

function notesOf(node: OfficeContentNode): string[] {
  const notes = (node.notes ?? []).map((note) => note.text?.trim() ?? '').filter(Boolean);
  return notes.length > 0 ? [`Notes:\n${notes.join('\n')}`] : [];
}
