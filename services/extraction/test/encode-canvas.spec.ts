import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCanvas } from '@napi-rs/canvas';
import { encodeCanvas } from '../src/pages/encode-canvas';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('encoding a canvas off the event loop', () => {
  it('survives garbage collection of canvases nobody else holds while they are encoded', async () => {
    for (let round = 0; round < 10; round++) {
      // Nothing but the encode refers to these canvases once the map returns.
      const encoding = Array.from({ length: 48 }, (_, i) => {
        const canvas = createCanvas(768, 768);
        const context = canvas.getContext('2d');
        context.fillStyle = i % 2 === 0 ? '#204080' : '#f0c020';
        context.fillRect(0, 0, 768, 768);
        return i % 2 === 0 ? encodeCanvas(canvas, 'png') : encodeCanvas(canvas, 'webp', 80);
      });
      let settled = false;
      const images = Promise.all(encoding).finally(() => (settled = true));
      // Collecting while the threadpool encodes is what freed a canvas under its encoder (SIGSEGV) before.
      while (!settled) {
        collectGarbage();
        await new Promise((resolve) => setImmediate(resolve));
      }
      // PNG and WebP signatures: every encode finished with a whole image.
      (await images).forEach((image, i) => expect(image.subarray(0, 4).toString('latin1')).toBe(i % 2 === 0 ? '\x89PNG' : 'RIFF'));
    }
  });
});
