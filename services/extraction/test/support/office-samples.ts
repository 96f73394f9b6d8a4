import { utils, write, type CellObject } from '@e965/xlsx';
import { burn, type Entry as BurnEntry } from '@kenjiuno/msgreader/lib/Burner';
import { TypeEnum } from '@kenjiuno/msgreader/lib/Reader';
import { strToU8, zipSync } from 'fflate';
import { OfficeGenerator, type OfficeContentNode, type OfficeParserAST } from 'officeparser';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function zip(files: Record<string, string>, firstStored?: string): Buffer {
  const entries = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]));
  // ODF and EPUB want their mimetype entry first and uncompressed, so file-type recognises them.
  const ordered = firstStored ? { mimetype: [strToU8(firstStored), { level: 0 }] as const, ...entries } : entries;
  return Buffer.from(zipSync(ordered as Parameters<typeof zipSync>[0]));
}

function relationships(targets: Record<string, [type: string, target: string]>): string {
  const items = Object.entries(targets).map(
    ([id, [type, target]]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`,
  );
  return `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

function contentTypes(overrides: Record<string, string>): string {
  const items = Object.entries(overrides).map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`);
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${items.join('')}</Types>`;
}

/** A workbook of one sheet; a cell given as `=FORMULA|value` holds a formula and its cached result. */
export function xlsx(sheetName: string, rows: readonly (readonly string[])[]): Buffer {
  const strings: string[] = [];
  const cells = rows.map((row, r) => {
    const columns = row.map((value, c) => {
      const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
      const formula = /^=(.*)\|(.*)$/.exec(value);
      if (formula) return `<c r="${ref}"><f>${escape(formula[1])}</f><v>${formula[2]}</v></c>`;
      if (/^-?\d+(\.\d+)?$/.test(value)) return `<c r="${ref}"><v>${value}</v></c>`;
      strings.push(value);
      return `<c r="${ref}" t="s"><v>${strings.length - 1}</v></c>`;
    });
    return `<row r="${r + 1}">${columns.join('')}</row>`;
  });
  const main = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return zip({
    '[Content_Types].xml': contentTypes({
      '/xl/workbook.xml': `${main}.sheet.main+xml`,
      '/xl/worksheets/sheet1.xml': `${main}.worksheet+xml`,
      '/xl/sharedStrings.xml': `${main}.sharedStrings+xml`,
    }),
    '_rels/.rels': relationships({ rId1: ['officeDocument', 'xl/workbook.xml'] }),
    'xl/workbook.xml': `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets><sheet name="${escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': relationships({
      rId1: ['worksheet', 'worksheets/sheet1.xml'],
      rId2: ['sharedStrings', 'sharedStrings.xml'],
    }),
    'xl/sharedStrings.xml': `${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`,
    'xl/worksheets/sheet1.xml': `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells.join('')}</sheetData></worksheet>`,
  });
}

const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
const shape = (text: string, centred = false) =>
  `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Text"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p>${centred ? '<a:pPr algn="ctr"/>' : ''}<a:r><a:t>${escape(text)}</a:t></a:r></a:p></p:txBody></p:sp>`;
const coreProperties = (author: string) =>
  `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${escape(author)}</dc:creator></cp:coreProperties>`;
const tree = (body: string) =>
  `<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${body}</p:spTree></p:cSld>`;

/** A presentation: each slide's text (centred if asked) and its speaker notes; the author in its document properties. */
export function pptx(slides: readonly { text: string; notes: string; centred?: boolean }[], author?: string): Buffer {
  const pml = 'application/vnd.openxmlformats-officedocument.presentationml';
  const files: Record<string, string> = {};
  const overrides: Record<string, string> = { '/ppt/presentation.xml': `${pml}.presentation.main+xml` };
  const presentationRels: Record<string, [string, string]> = {};
  if (author) {
    overrides['/docProps/core.xml'] = 'application/vnd.openxmlformats-package.core-properties+xml';
    files['docProps/core.xml'] = coreProperties(author);
  }
  slides.forEach(({ text, notes, centred }, i) => {
    const n = i + 1;
    overrides[`/ppt/slides/slide${n}.xml`] = `${pml}.slide+xml`;
    overrides[`/ppt/notesSlides/notesSlide${n}.xml`] = `${pml}.notesSlide+xml`;
    presentationRels[`rId${n}`] = ['slide', `slides/slide${n}.xml`];
    files[`ppt/slides/slide${n}.xml`] = `${XML}<p:sld xmlns:a="${A}" xmlns:r="${REL}" xmlns:p="${P}">${tree(shape(text, centred))}</p:sld>`;
    files[`ppt/slides/_rels/slide${n}.xml.rels`] = relationships({ rId1: ['notesSlide', `../notesSlides/notesSlide${n}.xml`] });
    files[`ppt/notesSlides/notesSlide${n}.xml`] =
      `${XML}<p:notes xmlns:a="${A}" xmlns:r="${REL}" xmlns:p="${P}">${tree(shape(notes))}</p:notes>`;
  });
  const ids = slides.map((_, i) => `<p:sldId id="${256 + i}" r:id="rId${i + 1}"/>`).join('');
  return zip({
    '[Content_Types].xml': contentTypes(overrides),
    '_rels/.rels': relationships({ rId1: ['officeDocument', 'ppt/presentation.xml'] }),
    'ppt/presentation.xml': `${XML}<p:presentation xmlns:a="${A}" xmlns:r="${REL}" xmlns:p="${P}"><p:sldIdLst>${ids}</p:sldIdLst></p:presentation>`,
    'ppt/_rels/presentation.xml.rels': relationships(presentationRels),
    ...files,
  });
}

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"';

function odf(kind: 'text' | 'spreadsheet' | 'presentation', body: string): Buffer {
  const mimetype = `application/vnd.oasis.opendocument.${kind}`;
  return zip(
    {
      'META-INF/manifest.xml': `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
      'content.xml': `${XML}<office:document-content ${ODF_NS}><office:body><office:${kind}>${body}</office:${kind}></office:body></office:document-content>`,
      // Every office suite writes one; SheetJS needs it to read a workbook.
      'styles.xml': `${XML}<office:document-styles ${ODF_NS}/>`,
    },
    mimetype,
  );
}

export const odt = (paragraphs: readonly string[]) => odf('text', paragraphs.map((p) => `<text:p>${escape(p)}</text:p>`).join(''));

export const ods = (sheetName: string, rows: readonly (readonly string[])[]) =>
  odf(
    'spreadsheet',
    `<table:table table:name="${escape(sheetName)}">${rows
      .map(
        (row) =>
          `<table:table-row>${row.map((cell) => `<table:table-cell><text:p>${escape(cell)}</text:p></table:table-cell>`).join('')}</table:table-row>`,
      )
      .join('')}</table:table>`,
  );

export const odp = (slides: readonly string[]) =>
  odf(
    'presentation',
    slides
      .map(
        (text, i) =>
          `<draw:page draw:name="page${i + 1}"><draw:frame><draw:text-box><text:p>${escape(text)}</text:p></draw:text-box></draw:frame></draw:page>`,
      )
      .join(''),
  );

function paragraphsAst(paragraphs: readonly string[]): OfficeParserAST {
  const content: OfficeContentNode[] = paragraphs.map((text) => ({ type: 'paragraph', text, children: [{ type: 'text', text }] }));
  return { type: 'docx', metadata: {}, content, attachments: [] } as unknown as OfficeParserAST;
}

export async function rtf(paragraphs: readonly string[]): Promise<Buffer> {
  return Buffer.from((await OfficeGenerator.generate(paragraphsAst(paragraphs), 'rtf')).value as string);
}

export async function epub(paragraphs: readonly string[]): Promise<Buffer> {
  const { value } = await OfficeGenerator.generate(paragraphsAst(paragraphs), 'epub');
  return Buffer.from(value as Uint8Array);
}

/** A zip package of `kind` whose one entry inflates to `bytes` of nothing: a decompression bomb. */
export function zipBomb(kind: 'text' | 'spreadsheet' | 'presentation', bytes: number): Buffer {
  return zip({ 'content.xml': ' '.repeat(bytes) }, `application/vnd.oasis.opendocument.${kind}`);
}

/** An Outlook message: a compound file of MAPI property streams (PT_UNICODE strings). */
export function msg(fields: { subject: string; from: string; body: string }): Buffer {
  const streams: [string, string][] = [
    ['__substg1.0_0037001F', fields.subject],
    ['__substg1.0_0C1A001F', fields.from],
    ['__substg1.0_1000001F', fields.body],
  ];
  const properties = new Uint8Array(32);
  const entries: BurnEntry[] = [
    { name: 'Root Entry', type: TypeEnum.ROOT, length: 0, children: streams.map((_, i) => i + 2).concat(1) },
    { name: '__properties_version1.0', type: TypeEnum.DOCUMENT, length: properties.length, binaryProvider: () => properties },
    ...streams.map(([name, value]): BurnEntry => {
      const data = new Uint8Array(Buffer.from(value, 'utf16le'));
      return { name, type: TypeEnum.DOCUMENT, length: data.length, binaryProvider: () => data };
    }),
  ];
  return Buffer.from(burn(entries));
}

/** A JATS article: title, abstract and two nested sections. */
export const jats = Buffer.from(
  `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN" "JATS-journalpublishing1.dtd">
<article article-type="research-article" dtd-version="1.2" xmlns:xlink="http://www.w3.org/1999/xlink">
  <front><journal-meta><journal-title-group><journal-title>Journal of Tests</journal-title></journal-title-group></journal-meta>
    <article-meta><title-group><article-title>Late payments in <italic>small</italic> firms</article-title></title-group>
      <abstract><p>We study invoices paid after their due date.</p></abstract></article-meta></front>
  <body><sec><title>Introduction</title><p>Suppliers wait <bold>47 days</bold> on average.</p>
    <sec><title>Data</title><p>We used 1,200 invoices.</p></sec></sec></body>
</article>`,
);

/** A US patent grant as the USPTO publishes it: an external DTD (not read), ISO entities it would declare, codes up front. */
export const usPatent = Buffer.from(
  `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45-2014-04-03.dtd" [ ]>
<us-patent-grant lang="EN" dtd-version="v4.5 2014-04-03" file="US08672134-20140318.XML" country="US">
<us-bibliographic-data-grant>
<publication-reference><document-id><country>US</country><doc-number>08672134</doc-number><kind>B2</kind><date>20140318</date></document-id></publication-reference>
<invention-title id="d2e53">Pulse-echo fish detector</invention-title>
</us-bibliographic-data-grant>
<abstract id="abstract"><p id="p-0001" num="0000">A detector emits pulses&thinsp;and times their echoes&mdash;in fresh water.</p></abstract>
<description id="description"><heading id="h-0001" level="1">BACKGROUND</heading><p id="p-0002" num="0001">Anglers want to see fish.</p>
<heading id="h-0002" level="1">SUMMARY</heading><p id="p-0003" num="0002">A transducer &amp; a timer.</p></description>
<claims id="claims"><claim id="CLM-00001" num="00001"><claim-text>1. A detector comprising a transducer.</claim-text></claim>
<claim id="CLM-00002" num="00002"><claim-text>2. The detector of claim 1, with a timer.</claim-text></claim></claims>
</us-patent-grant>`,
);

/** Entities declared ten deep, ten each: a billion copies of "lol" if a parser expanded them. */
export const billionLaughs = Buffer.from(
  `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n${Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
  ).join('\n')}\n]>\n<lolz><title>Laughs</title><body>&lol9;</body></lolz>`,
);

/** Elements nested `depth` deep around one word. */
export const deepXml = (depth: number) => Buffer.from(`<?xml version="1.0"?>${'<a>'.repeat(depth)}bottom${'</a>'.repeat(depth)}`);

type SheetRow = (string | number | CellObject)[];

/** A workbook written by SheetJS (cells may carry a number format `z`), first sheet named, the others Sheet2, …. */
export function workbook(name: string, rows: SheetRow[], bookType: 'xlsx' | 'ods' = 'xlsx', ...more: SheetRow[][]): Buffer {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(rows), name);
  more.forEach((sheet, i) => utils.book_append_sheet(book, utils.aoa_to_sheet(sheet), `Sheet${i + 2}`));
  return write(book, { type: 'buffer', bookType }) as Buffer;
}
