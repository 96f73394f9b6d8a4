import { createCanvas, type Canvas } from '@napi-rs/canvas';

/** A canvas painted white: pictures and text are drawn on paper, and a transparent background would read as black. */
export function whiteCanvas(width: number, height: number): Canvas {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, width, height);
  return canvas;
}
