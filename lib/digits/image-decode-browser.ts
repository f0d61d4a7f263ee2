import { DECODE_FAILED_MESSAGE, decodeSize, MAX_DECODE_SIDE } from './image-file';
import type { RgbaImage } from './rgba';

/** Thrown when the browser cannot decode an image; `message` is fit to show the user. */
export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

/**
 * Decode an image Blob in the browser (EXIF orientation applied, first frame of a GIF) into RGBA
 * pixels, scaled down so its longest side is at most `maxSide`.
 * @throws ImageDecodeError when the bytes are not a decodable image.
 */
export async function decodeImageBlob(blob: Blob, maxSide = MAX_DECODE_SIDE): Promise<RgbaImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new ImageDecodeError(DECODE_FAILED_MESSAGE);
  }
  try {
    if (bitmap.width === 0 || bitmap.height === 0) throw new ImageDecodeError(DECODE_FAILED_MESSAGE);
    const { width, height } = decodeSize(bitmap.width, bitmap.height, maxSide);
    const context = create2dContext(width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const { data } = context.getImageData(0, 0, width, height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}

function create2dContext(width: number, height: number): Context2d {
  const canvas =
    typeof OffscreenCanvas === 'undefined'
      ? Object.assign(document.createElement('canvas'), { width, height })
      : new OffscreenCanvas(width, height);
  // '2d' always yields a 2D context; the cast is needed because the WebGPU typings tfjs brings widen
  // getContext's overloads to every context kind.
  const context = canvas.getContext('2d', { willReadFrequently: true }) as Context2d | null;
  if (!context) throw new ImageDecodeError('This browser cannot read image pixels.');
  return context;
}

type Context2d = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
