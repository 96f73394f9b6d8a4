// The program of a PDF text-layer worker thread (PdfTextPool): reads the pages a message asks for and posts
// their text layers back, or the error pdf.js threw (its name and message: errors do not cross threads whole).
import { parentPort } from 'node:worker_threads';
import { readTextLayers } from './pdf-text-layer';

export interface TextLayerRequest {
  id: number;
  bytes: Uint8Array;
  first: number;
  last: number;
}

export type TextLayerReply =
  { id: number; layers: Awaited<ReturnType<typeof readTextLayers>> } | { id: number; error: { name: string; message: string } };

parentPort?.on('message', ({ id, bytes, first, last }: TextLayerRequest) => {
  readTextLayers(bytes, first, last).then(
    (layers) => parentPort?.postMessage({ id, layers } satisfies TextLayerReply),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      parentPort?.postMessage({ id, error: { name, message } } satisfies TextLayerReply);
    },
  );
});
