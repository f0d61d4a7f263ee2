'use client';

import { useEffect, useRef } from 'react';
import { INPUT_PIXELS, INPUT_SIZE } from '@/lib/digits/constants';

/** `data-*` attributes a parent passes through to the preview's element (e.g. `data-pixels` for tests). */
type DataAttributes = { [attribute: `data-${string}`]: string | number | undefined };

export type DigitPreviewProps = {
  /** 28×28 row-major ink values, 0 (background) – 255 (ink). */
  pixels: Uint8Array;
  /** Side of the preview on screen, CSS px (default 112: four screen pixels per input pixel). */
  size?: number;
  /** Becomes `data-testid`. */
  testId?: string;
  /** What the image is, for screen readers. */
  label: string;
} & DataAttributes;

/**
 * A 28×28 network input drawn as MNIST shows it, white ink on black, each input pixel a crisp
 * square (canvas scaled with `image-rendering: pixelated`, no smoothing).
 */
export function DigitPreview({ pixels, size = 112, testId, label, ...dataAttributes }: DigitPreviewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    context.putImageData(toGreyImage(pixels), 0, 0);
  }, [pixels]);

  return (
    <canvas
      ref={canvasRef}
      width={INPUT_SIZE}
      height={INPUT_SIZE}
      role="img"
      aria-label={label}
      data-testid={testId}
      {...dataAttributes}
      className="block shrink-0 rounded-sm bg-black"
      style={{ width: size, height: size, imageRendering: 'pixelated' }}
    />
  );
}

/** Opaque grey-level ImageData of the 784 ink values; anything but 784 values shows as blank. */
function toGreyImage(pixels: Uint8Array): ImageData {
  const image = new ImageData(INPUT_SIZE, INPUT_SIZE);
  const valid = pixels.length === INPUT_PIXELS;
  for (let i = 0; i < INPUT_PIXELS; i++) {
    const ink = valid ? pixels[i] : 0;
    image.data.set([ink, ink, ink, 255], i * 4);
  }
  return image;
}
