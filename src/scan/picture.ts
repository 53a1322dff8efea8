/** A picture (file, pasted or dropped image) to pixels, and its QR text. */
import { context2d } from './canvas.ts';
import { ScanError } from './scan-error.ts';
import type { QrDecoder } from './qr-decoder.ts';

/**
 * Phone photos are 12+ megapixels; past this side the decoder gains nothing on a QR that is
 * readable at all, and costs time and memory.
 */
const MAX_SIDE = 2560;
/** Bigger files are no screenshot or phone photo; refusing them spares memory on small phones. */
const MAX_BYTES = 40 * 1024 * 1024;

export async function pictureToImageData(picture: Blob, maxSide = MAX_SIDE): Promise<ImageData> {
  let bitmap: ImageBitmap;
  try {
    // Honour EXIF rotation, as the photo looks in the gallery.
    bitmap = await createImageBitmap(picture, { imageOrientation: 'from-image' });
  } catch (cause) {
    throw new ScanError('unreadable-picture', { cause });
  }
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const ctx = context2d(width, height);
    if (!ctx) throw new ScanError('unreadable-picture');
    // Transparent PNGs: a QR drawn on nothing must read as dark on white.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    return ctx.getImageData(0, 0, width, height);
  } finally {
    bitmap.close();
  }
}

/** The QR text in a picture; ScanError 'unreadable-picture' or 'no-qr-found' otherwise. */
export async function readPicture(picture: Blob, decoder: QrDecoder): Promise<string> {
  if (picture.type && !picture.type.startsWith('image/')) throw new ScanError('unreadable-picture');
  if (picture.size > MAX_BYTES) throw new ScanError('unreadable-picture');
  const image = await pictureToImageData(picture);
  let text: string | null;
  try {
    text = await decoder.decode(image);
  } catch (cause) {
    throw new ScanError('decoder-failed', { cause });
  }
  if (text === null) throw new ScanError('no-qr-found');
  return text;
}
