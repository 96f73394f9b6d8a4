import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocExtractor } from '../src/extractors/doc.extractor';
import { runExtractor as run } from './support/extract';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

describe('Word 97–2003 (DOC)', () => {
  const doc = new DocExtractor();

  it('reads the body, then its footnotes and endnotes', async () => {
    const [page] = await run(doc, fixture('word97-notes.doc'));
    expect(page.ocr).toBe(false);
    expect(page.text).toBe('Endnotes and footnotes test\n\nParagraph 1\n\nParagraph 2\n\nThis is a footnote\n\nThis is an endnote');
  });

  it('puts the page header first and the footer last, with Unicode intact', async () => {
    const [page] = await run(doc, fixture('word97-headers-unicode.doc'));
    expect(page.text.startsWith('This is a simple header, with a € euro symbol in it.')).toBe(true);
    expect(page.text).toContain('GBP - £');
    expect(page.text).toContain('Molière');
    expect(page.text.endsWith('The footer, with Molière, has Unicode in it.')).toBe(true);
  });

  it('refuses bytes that are not a Word document as corrupt, saying what to do', async () => {
    await expect(run(doc, Buffer.from('not a compound file at all'))).rejects.toMatchObject({
      code: 'corrupt_file',
      message: expect.stringContaining('save it as DOCX'),
    });
  });

  it('refuses a document larger than the text budget before parsing it', async () => {
    await expect(run(doc, fixture('word97-notes.doc'), { limits: { maxTextBytes: 1000 } })).rejects.toMatchObject({
      code: 'text_too_large',
    });
  });
});
