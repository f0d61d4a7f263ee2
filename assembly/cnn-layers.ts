// AssemblyScript, compiled to WebAssembly (SIMD) by `npm run build:wasm`.
//
// The layers of a small CNN, for one fused forward pass per call sequence
// (lib/inference/kernels/fused-run.ts strings them together inside one tfjs kernel). Channels-last
// throughout. The module imports its memory (tfjs-wasm's heap) and owns no data: every pointer is
// a byte offset handed in by the caller, who also checks every shape.
//
// convPool: one convolution stage, valid padding, stride 1, then a 2 × 2 max-pool (stride 2):
//   out[b, y, x, f] = act(bias[f] + max_{dy, dx < 2} Σ_k in[b, patch(2y + dy, 2x + dx, k)] · w[k, f]),
//   k = (i·kw + j)·inC + c (a Conv2D filter [kh, kw, inC, filters] as trained, read as [K × F]).
// The pool is taken before the activation: ReLU and adding a constant are monotonic, so max then
// ReLU equals ReLU then max bit for bit. Fusing them leaves no full-size conv map to write and
// read back. Register block: the 4 window positions × 8 filters (eight f32x4 accumulators), so each
// weight vector is loaded once for four positions and the pooled maximum is taken in registers.
// Patches are read in place (kh runs of kw·inC contiguous floats). `filters` must be a multiple of 8.
//
// dense: out[b, u] = act(bias[u] + Σ_i in[b, i] · w[i, u]), w [inSize, units] as trained; 8 and 4
// units per pass, the rest one at a time, so any number of units works.

const F32: i32 = 4;

export function convPool(
  x: usize,
  w: usize,
  bias: usize,
  out: usize,
  batch: i32,
  inH: i32,
  inW: i32,
  inC: i32,
  kh: i32,
  kw: i32,
  filters: i32,
  relu: bool,
): void {
  const pool = 2;
  const run = kw * inC; // floats per patch row
  const colBytes = <usize>(inC * F32); // one position to the right
  const rowBytes = <usize>(inW * inC * F32); // one position down
  const imageBytes = <usize>inH * rowBytes;
  const outH = (inH - kh + 1) / pool;
  const outW = (inW - kw + 1) / pool;
  const outImageBytes = <usize>(outH * outW * filters * F32);
  const kStride = <usize>(filters * F32); // bytes between w[k, ·] and w[k + 1, ·]
  const zero = f32x4.splat(0);
  for (let b = 0; b < batch; b++) {
    const xImage = x + <usize>b * imageBytes;
    let o = out + <usize>b * outImageBytes;
    for (let py = 0; py < outH; py++) {
      for (let px = 0; px < outW; px++) {
        // Top-left input pixel of the window's first conv position; the other three are one
        // column, one row, and one of each further.
        const x0 = xImage + <usize>(py * pool) * rowBytes + <usize>(px * pool) * colBytes;
        for (let f = 0; f < filters; f += 8) {
          const fb = <usize>(f * F32);
          let a00 = v128.load(bias + fb);
          let a01 = v128.load(bias + fb, 16);
          let a10 = a00,
            a11 = a01,
            a20 = a00,
            a21 = a01,
            a30 = a00,
            a31 = a01;
          let wk = w + fb;
          for (let i = 0; i < kh; i++) {
            let r = x0 + <usize>i * rowBytes;
            const rEnd = r + <usize>(run * F32);
            for (; r < rEnd; r += F32) {
              const w0 = v128.load(wk);
              const w1 = v128.load(wk, 16);
              const v0 = v128.load32_splat(r);
              const v1 = v128.load32_splat(r + colBytes);
              const v2 = v128.load32_splat(r + rowBytes);
              const v3 = v128.load32_splat(r + rowBytes + colBytes);
              a00 = f32x4.add(a00, f32x4.mul(v0, w0));
              a01 = f32x4.add(a01, f32x4.mul(v0, w1));
              a10 = f32x4.add(a10, f32x4.mul(v1, w0));
              a11 = f32x4.add(a11, f32x4.mul(v1, w1));
              a20 = f32x4.add(a20, f32x4.mul(v2, w0));
              a21 = f32x4.add(a21, f32x4.mul(v2, w1));
              a30 = f32x4.add(a30, f32x4.mul(v3, w0));
              a31 = f32x4.add(a31, f32x4.mul(v3, w1));
              wk += kStride;
            }
          }
          let m0 = f32x4.max(f32x4.max(a00, a10), f32x4.max(a20, a30));
          let m1 = f32x4.max(f32x4.max(a01, a11), f32x4.max(a21, a31));
          if (relu) {
            m0 = f32x4.max(m0, zero);
            m1 = f32x4.max(m1, zero);
          }
          v128.store(o + fb, m0);
          v128.store(o + fb, m1, 16);
        }
        o += kStride;
      }
    }
  }
}

export function dense(x: usize, w: usize, bias: usize, out: usize, batch: i32, inSize: i32, units: i32, relu: bool): void {
  const rowBytes = <usize>(units * F32); // bytes between w[i, ·] and w[i + 1, ·]
  const inEnd = <usize>(inSize * F32);
  const zero = f32x4.splat(0);
  for (let b = 0; b < batch; b++) {
    const xRow = x + <usize>b * inEnd;
    const o = out + <usize>(b * units * F32);
    let u = 0;
    for (; u + 8 <= units; u += 8) {
      const ub = <usize>(u * F32);
      let a0 = v128.load(bias + ub);
      let a1 = v128.load(bias + ub, 16);
      let wk = w + ub;
      for (let r = xRow; r < xRow + inEnd; r += F32) {
        const v = v128.load32_splat(r);
        a0 = f32x4.add(a0, f32x4.mul(v, v128.load(wk)));
        a1 = f32x4.add(a1, f32x4.mul(v, v128.load(wk, 16)));
        wk += rowBytes;
      }
      if (relu) {
        a0 = f32x4.max(a0, zero);
        a1 = f32x4.max(a1, zero);
      }
      v128.store(o + ub, a0);
      v128.store(o + ub, a1, 16);
    }
    for (; u + 4 <= units; u += 4) {
      const ub = <usize>(u * F32);
      let a0 = v128.load(bias + ub);
      let wk = w + ub;
      for (let r = xRow; r < xRow + inEnd; r += F32) {
        a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(r), v128.load(wk)));
        wk += rowBytes;
      }
      if (relu) a0 = f32x4.max(a0, zero);
      v128.store(o + ub, a0);
    }
    for (; u < units; u++) {
      const ub = <usize>(u * F32);
      let a = load<f32>(bias + ub);
      let wk = w + ub;
      for (let r = xRow; r < xRow + inEnd; r += F32) {
        a += load<f32>(r) * load<f32>(wk);
        wk += rowBytes;
      }
      store<f32>(o + ub, relu ? max(a, 0) : a);
    }
  }
}
