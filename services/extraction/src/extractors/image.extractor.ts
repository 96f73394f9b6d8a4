import { imageSize } from 'image-size';
import { ExtractionFailedError } from '../extraction.errors';
import { assertImagePixels } from '../limits';
import { sessionFor, type ScanReader } from '../ocr/scan-reader';
import type { ExtractionInput, Extractor, PageText } from './extractor';

/** Scans and photos: the size is read from the header first, so a pixel bomb never reaches the decoder. */
export class ImageExtractor implements Extractor {
  readonly name = 'image-ocr';
  readonly mediaTypes = ['image/png', 'image/jpeg', 'image/tiff', 'image/webp'] as const;

  constructor(private readonly scans: ScanReader) {}

  async extract({ bytes, limits, deadline, text, ocrLanguage }: ExtractionInput): Promise<PageText[]> {
    const { width, height } = dimensionsOf(bytes);
    assertImagePixels(width, height, limits);
    const read = await this.scans.read(bytes, deadline, sessionFor(ocrLanguage), limits.maxImagePixels);
    return [{ text: text.spend(read), ocr: true }];
  }
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
