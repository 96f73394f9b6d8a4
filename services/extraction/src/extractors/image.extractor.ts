import { imageSize } from 'image-size';
import { ExtractionFailedError } from '../extraction.errors';
import { assertImagePixels } from '../limits';
import { normaliseOcrText } from '../ocr/ocr-text';
import type { TesseractOcr } from '../ocr/tesseract-ocr';
import type { ExtractionInput, Extractor, PageText } from './extractor';

/** Scans and photos: the size is read from the header first, so a pixel bomb never reaches the decoder. */
export class ImageExtractor implements Extractor {
  readonly name = 'image-ocr';
  readonly mediaTypes = ['image/png', 'image/jpeg', 'image/tiff', 'image/webp'] as const;

  constructor(private readonly ocr: TesseractOcr) {}

  async extract({ bytes, limits, deadline, text }: ExtractionInput): Promise<PageText[]> {
    const { width, height } = dimensionsOf(bytes);
    assertImagePixels(width, height, limits);
    return [{ text: text.spend(normaliseOcrText(await this.ocr.recognize(bytes, deadline))), ocr: true }];
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
