/** A 2D drawing surface off screen for reading pixels. */

export type Context2d = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/**
 * OffscreenCanvas where the browser has it (Safari 16.4+, Chrome 69+), else a detached <canvas>
 * (Safari 15.4–16.3), which reads pixels the same way on the main thread.
 */
export function context2d(width: number, height: number): Context2d | null {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas.getContext('2d', { willReadFrequently: true });
}
