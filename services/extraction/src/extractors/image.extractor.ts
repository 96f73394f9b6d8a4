import { loadImage } from '@napi-rs/canvas';
import { imageSize } from 'image-size';
import { ExtractionFailedError } from '../extraction.errors';
import { assertImagePixels } from '../limits';
import { sessionFor, type ScanReader } from '../ocr/scan-reader';
import { encodeCanvas } from '../pages/encode-canvas';
import { whiteCanvas } from '../pages/white-canvas';
import type { ExtractionInput, Extractor, PageText } from './extractor';

/** Scans and photos: the size is read from the header first, so a pixel bomb never reaches the decoder. */
export class ImageExtractor implements Extractor {
  readonly name = 'image-ocr';
  readonly mediaTypes = ['image/png', 'image/jpeg', 'image/tiff', 'image/webp', 'image/bmp', 'image/gif'] as const;

  constructor(private readonly scans: ScanReader) {}

  async extract({ bytes, mediaType, limits, deadline, text, ocrLanguage }: ExtractionInput): Promise<PageText[]> {
    const { width, height } = dimensionsOf(bytes);
    assertImagePixels(width, height, limits);
    const page = REDRAWN.has(mediaType) ? await asPng(bytes) : bytes;
    const read = await this.scans.read(page, deadline, sessionFor(ocrLanguage), limits.maxImagePixels);
    return [{ text: text.spend(read), ocr: true }];
  }
}

// The OCR engine's image reader (leptonica in tesseract.js) is not sure to read these; the canvas decodes them
// (a GIF's first frame), and they are read as PNG.
const REDRAWN = new Set(['image/bmp', 'image/gif']);

async function asPng(bytes: Buffer): Promise<Buffer> {
  const picture = await loadImage(bytes).catch((error: unknown) => {
    throw new ExtractionFailedError('corrupt_file', 'The image cannot be decoded; re-export it as PNG and upload it again.', {
      cause: error,
    });
  });
  const canvas = whiteCanvas(picture.width, picture.height);
  canvas.getContext('2d').drawImage(picture, 0, 0);
  return encodeCanvas(canvas, 'png');
}

function dimensionsOf(bytes: Buffer): { width: number; height: number } {
  try {
    const { width, height } = imageSize(bytes);
    return { width, height };
  } catch (error) {
    throw new ExtractionFailedError('corrupt_file', 'The image header cannot be read; re-export the image and upload it again.', {
      cause: error,
    });
  }
}
