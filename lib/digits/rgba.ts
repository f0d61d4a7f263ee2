/** RGBA pixels, row-major, 4 bytes a pixel — the shape of a canvas's `ImageData`. */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}
