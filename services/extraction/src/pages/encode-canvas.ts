import type { Canvas } from '@napi-rs/canvas';

// @napi-rs/canvas 0.1.x encodes on the libuv threadpool without holding the canvas: a canvas collected meanwhile is
// freed under the encoder and the process dies (SIGSEGV in skia; Brooooooklyn/canvas#1312, fixed in its 1.x). Each
// canvas stays in this set until its encode has settled.
const encoding = new Set<Canvas>();

/** The canvas as PNG, or as WebP at `quality` (0-100), encoded off the event loop. */
export async function encodeCanvas(canvas: Canvas, format: 'png'): Promise<Buffer>;
export async function encodeCanvas(canvas: Canvas, format: 'webp', quality: number): Promise<Buffer>;
export async function encodeCanvas(canvas: Canvas, format: 'png' | 'webp', quality?: number): Promise<Buffer> {
  encoding.add(canvas);
  try {
    return await (format === 'png' ? canvas.encode('png') : canvas.encode('webp', quality));
  } finally {
    encoding.delete(canvas);
  }
}
