// AssemblyScript, compiled to WebAssembly (SIMD) by `npm run build:wasm`.
//
// Locally connected layer, channels-last, valid padding:
//   out[b, p, f] = act(bias[p, f] + Σ_k x[b, patch(p, k)] · w[p, k, f]),  k = (i·kw + j)·inC + c.
// Per position p this is a [batch × K] · [K × F] product (K = kh·kw·inC). The patch of row b is
// kh runs of kw·inC contiguous input floats, read in place (no im2col buffer). Register block:
// 4 images × 8 filters (eight f32x4 accumulators); leftover images one at a time, 16 filters
// per pass, then 8. `filters` must be a multiple of 8 (FILTER_BLOCK in lib/inference/kernels/wasm.ts).
// The module imports its memory (tfjs-wasm's heap) and owns no data: every pointer is a byte
// offset handed in by the caller.

const F32: i32 = 4;

export function locallyConnected(
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
  sh: i32,
  sw: i32,
  outH: i32,
  outW: i32,
  filters: i32,
  relu: bool,
): void {
  const run = kw * inC; // floats per patch row
  const rowBytes = <usize>(inW * inC * F32);
  const imageBytes = <usize>(inH * inW * inC * F32);
  const positions = outH * outW;
  const outImageBytes = <usize>(positions * filters * F32);
  const kStride = <usize>(filters * F32); // bytes between w[p, k, ·] and w[p, k + 1, ·]
  const zero = f32x4.splat(0);
  for (let p = 0; p < positions; p++) {
    const oy = p / outW;
    const ox = p % outW;
    const xPos = x + <usize>((oy * sh * inW + ox * sw) * inC * F32);
    const wPos = w + <usize>(p * kh * run) * kStride;
    const bPos = bias + <usize>(p * filters * F32);
    const oPos = out + <usize>(p * filters * F32);
    let b = 0;
    for (; b + 4 <= batch; b += 4) {
      const x0 = xPos + <usize>b * imageBytes;
      const o0 = oPos + <usize>b * outImageBytes;
      for (let f = 0; f < filters; f += 8) {
        const fb = <usize>(f * F32);
        let a00 = v128.load(bPos + fb);
        let a01 = v128.load(bPos + fb, 16);
        let a10 = a00,
          a11 = a01,
          a20 = a00,
          a21 = a01,
          a30 = a00,
          a31 = a01;
        let wk = wPos + fb;
        for (let i = 0; i < kh; i++) {
          let r0 = x0 + <usize>i * rowBytes;
          const rEnd = r0 + <usize>(run * F32);
          for (; r0 < rEnd; r0 += F32) {
            const w0 = v128.load(wk);
            const w1 = v128.load(wk, 16);
            const v0 = v128.load32_splat(r0);
            const v1 = v128.load32_splat(r0 + imageBytes);
            const v2 = v128.load32_splat(r0 + 2 * imageBytes);
            const v3 = v128.load32_splat(r0 + 3 * imageBytes);
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
        if (relu) {
          a00 = f32x4.max(a00, zero);
          a01 = f32x4.max(a01, zero);
          a10 = f32x4.max(a10, zero);
          a11 = f32x4.max(a11, zero);
          a20 = f32x4.max(a20, zero);
          a21 = f32x4.max(a21, zero);
          a30 = f32x4.max(a30, zero);
          a31 = f32x4.max(a31, zero);
        }
        const o = o0 + fb;
        v128.store(o, a00);
        v128.store(o, a01, 16);
        v128.store(o + outImageBytes, a10);
        v128.store(o + outImageBytes, a11, 16);
        v128.store(o + 2 * outImageBytes, a20);
        v128.store(o + 2 * outImageBytes, a21, 16);
        v128.store(o + 3 * outImageBytes, a30);
        v128.store(o + 3 * outImageBytes, a31, 16);
      }
    }
    for (; b < batch; b++) {
      const x0 = xPos + <usize>b * imageBytes;
      const o0 = oPos + <usize>b * outImageBytes;
      let f = 0;
      // One image streams each weight once: 16 filters (four accumulators) per pass keep enough
      // independent sums and loads in flight to approach memory speed.
      for (; f + 16 <= filters; f += 16) {
        const fb = <usize>(f * F32);
        let a0 = v128.load(bPos + fb);
        let a1 = v128.load(bPos + fb, 16);
        let a2 = v128.load(bPos + fb, 32);
        let a3 = v128.load(bPos + fb, 48);
        let wk = wPos + fb;
        for (let i = 0; i < kh; i++) {
          let r0 = x0 + <usize>i * rowBytes;
          const rEnd = r0 + <usize>(run * F32);
          for (; r0 < rEnd; r0 += F32) {
            const v0 = v128.load32_splat(r0);
            a0 = f32x4.add(a0, f32x4.mul(v0, v128.load(wk)));
            a1 = f32x4.add(a1, f32x4.mul(v0, v128.load(wk, 16)));
            a2 = f32x4.add(a2, f32x4.mul(v0, v128.load(wk, 32)));
            a3 = f32x4.add(a3, f32x4.mul(v0, v128.load(wk, 48)));
            wk += kStride;
          }
        }
        if (relu) {
          a0 = f32x4.max(a0, zero);
          a1 = f32x4.max(a1, zero);
          a2 = f32x4.max(a2, zero);
          a3 = f32x4.max(a3, zero);
        }
        v128.store(o0 + fb, a0);
        v128.store(o0 + fb, a1, 16);
        v128.store(o0 + fb, a2, 32);
        v128.store(o0 + fb, a3, 48);
      }
      for (; f < filters; f += 8) {
        const fb = <usize>(f * F32);
        let a00 = v128.load(bPos + fb);
        let a01 = v128.load(bPos + fb, 16);
        let wk = wPos + fb;
        for (let i = 0; i < kh; i++) {
          let r0 = x0 + <usize>i * rowBytes;
          const rEnd = r0 + <usize>(run * F32);
          for (; r0 < rEnd; r0 += F32) {
            const v0 = v128.load32_splat(r0);
            a00 = f32x4.add(a00, f32x4.mul(v0, v128.load(wk)));
            a01 = f32x4.add(a01, f32x4.mul(v0, v128.load(wk, 16)));
            wk += kStride;
          }
        }
        if (relu) {
          a00 = f32x4.max(a00, zero);
          a01 = f32x4.max(a01, zero);
        }
        v128.store(o0 + fb, a00);
        v128.store(o0 + fb, a01, 16);
      }
    }
  }
}
