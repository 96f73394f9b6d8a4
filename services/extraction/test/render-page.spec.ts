import { loadImage } from '@napi-rs/canvas';
import { textPng } from '@docpipe/testing';
import { PREVIEW_WIDTH, renderPage, THUMBNAIL_WIDTH } from '../src/pages/render-page';
import { textPdf } from './support/samples';

const renderThumbnail = (bytes: Buffer, mediaType: string, text: string) =>
  renderPage({ bytes, mediaType, page: 1, text, width: THUMBNAIL_WIDTH });

async function decoded(webp: Buffer) {
  expect(webp.subarray(0, 4).toString('latin1')).toBe('RIFF');
  expect(webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
  return loadImage(webp);
}

/** Share of pixels in the thumbnail that are not near-white: something was drawn. */
async function inked(webp: Buffer): Promise<number> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const picture = await loadImage(webp);
  const canvas = createCanvas(picture.width, picture.height);
  const context = canvas.getContext('2d');
  context.drawImage(picture, 0, 0);
  const data = context.getImageData(0, 0, picture.width, picture.height).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] < 200) dark++;
  return dark / (data.length / 4);
}

describe('page pictures: thumbnails and preview pages', () => {
  it('renders the first page of a PDF at thumbnail width, in the page shape', async () => {
    const webp = await renderThumbnail(await textPdf(['Invoice INV-1 from a supplier', 'Second page']), 'application/pdf', '');
    const picture = await decoded(webp);
    expect(picture.width).toBe(THUMBNAIL_WIDTH);
    expect(picture.height).toBe(Math.round((THUMBNAIL_WIDTH * 842) / 595));
    expect(await inked(webp)).toBeGreaterThan(0);
  });

  it('draws the letters of a standard font the PDF names without embedding it, not a box for each', async () => {
    // Helvetica is one of the 14 standard fonts pdf-lib leaves out of the file. Boxes would ink both lines alike.
    const [narrow, wide] = await Promise.all(
      ['IIIIIIIIIIIIIIII', 'WWWWWWWWWWWWWWWW'].map(async (line) =>
        inked(await renderPage({ bytes: await textPdf([line]), mediaType: 'application/pdf', page: 1, text: '', width: PREVIEW_WIDTH })),
      ),
    );
    expect(wide).toBeGreaterThan(2 * narrow);
  });

  it('downscales an image', async () => {
    const picture = await decoded(await renderThumbnail(await textPng(['A scanned receipt']), 'image/png', ''));
    expect(picture.width).toBe(THUMBNAIL_WIDTH);
  });

  it('draws a GIF as a picture, not as its text', async () => {
    const { createCanvas } = await import('@napi-rs/canvas');
    const png = await loadImage(await textPng(['A scanned receipt']));
    const canvas = createCanvas(png.width, png.height);
    canvas.getContext('2d').drawImage(png, 0, 0);
    const webp = await renderThumbnail(await canvas.encode('gif'), 'image/gif', '');
    expect((await decoded(webp)).width).toBe(THUMBNAIL_WIDTH);
    expect(await inked(webp)).toBeGreaterThan(0);
  });

  it('sets the first page of text on a page for other formats, blank without text', async () => {
    const card = await renderThumbnail(Buffer.from('ignored'), 'application/vnd.ms-outlook', 'Subject: Overdue invoice\n\nPlease pay.');
    expect((await decoded(card)).width).toBe(THUMBNAIL_WIDTH);
    expect(await inked(card)).toBeGreaterThan(0);
    expect(await inked(await renderThumbnail(Buffer.from(''), 'text/plain', ''))).toBe(0);
  });

  it('draws any page of a PDF at preview width, and refuses a page the document does not have', async () => {
    const pdf = await textPdf(['First page', 'Second page']);
    const second = await decoded(await renderPage({ bytes: pdf, mediaType: 'application/pdf', page: 2, text: '', width: PREVIEW_WIDTH }));
    expect(second.width).toBe(PREVIEW_WIDTH);
    await expect(renderPage({ bytes: pdf, mediaType: 'application/pdf', page: 3, text: '', width: PREVIEW_WIDTH })).rejects.toMatchObject({
      code: 'page_not_found',
    });
  });
});
