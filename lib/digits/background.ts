/** Blocks along the shorter side of the image when estimating uneven lighting. */
const BLOCKS_ACROSS = 16;
/** Within a block, the share of pixels assumed to be background (the rest may be ink). */
const BACKGROUND_SHARE = 0.75;

/**
 * Per-pixel background luminance for an image lit unevenly (a photo of paper with a shadow).
 *
 * Each block's background is a high percentile of its luminance (a low one when the ink is light);
 * the most paper-like block of its 3×3 neighbourhood wins, so blocks covered by a stroke borrow
 * from the paper around them; the grid is then smoothed and interpolated bilinearly. The estimate is clamped to
 * `range`, the luminances seen on the image's border: on an evenly lit image (a drawing, a scan)
 * the range is narrow and the background stays flat, so thick strokes can never be mistaken for it.
 */
export function estimateBackground(
  lum: Float32Array,
  width: number,
  height: number,
  darkInk: boolean,
  range: { low: number; high: number },
): Float32Array {
  const block = Math.max(4, Math.ceil(Math.min(width, height) / BLOCKS_ACROSS));
  const columns = Math.ceil(width / block);
  const rows = Math.ceil(height / block);

  const grid = new Float32Array(columns * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < columns; bx++) {
      grid[by * columns + bx] = blockPercentile(lum, width, height, bx * block, by * block, block, darkInk);
    }
  }
  const spread = neighbourhood(grid, columns, rows, darkInk ? Math.max : Math.min);
  const smooth = neighbourhood(spread, columns, rows, mean);
  for (let i = 0; i < smooth.length; i++) smooth[i] = Math.min(range.high, Math.max(range.low, smooth[i]));
  return upsample(smooth, columns, rows, block, width, height);
}

function blockPercentile(
  lum: Float32Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  block: number,
  darkInk: boolean,
): number {
  const x1 = Math.min(width, x0 + block);
  const y1 = Math.min(height, y0 + block);
  const values = new Float32Array((x1 - x0) * (y1 - y0));
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) values[n++] = lum[y * width + x];
  values.sort();
  return sortedQuantile(values, darkInk ? BACKGROUND_SHARE : 1 - BACKGROUND_SHARE);
}

/** The q-quantile (0–1) of already sorted values by nearest rank, no interpolation (0 when there are none). */
export function sortedQuantile(sorted: Float32Array | Float64Array, q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function mean(...values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Combine each cell with its (up to) 8 neighbours. */
function neighbourhood(grid: Float32Array, columns: number, rows: number, combine: (...values: number[]) => number): Float32Array {
  const out = new Float32Array(grid.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const values: number[] = [];
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < columns && ny < rows) values.push(grid[ny * columns + nx]);
        }
      }
      out[y * columns + x] = combine(...values);
    }
  }
  return out;
}

/** Bilinear interpolation between block centres, held constant beyond the outer centres. */
function upsample(grid: Float32Array, columns: number, rows: number, block: number, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(rows - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const y0 = Math.floor(gy);
    const y1 = Math.min(rows - 1, y0 + 1);
    const fy = gy - y0;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(columns - 1, Math.max(0, (x + 0.5) / block - 0.5));
      const x0 = Math.floor(gx);
      const x1 = Math.min(columns - 1, x0 + 1);
      const fx = gx - x0;
      const top = grid[y0 * columns + x0] * (1 - fx) + grid[y0 * columns + x1] * fx;
      const bottom = grid[y1 * columns + x0] * (1 - fx) + grid[y1 * columns + x1] * fx;
      out[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}
