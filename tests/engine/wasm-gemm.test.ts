import { describe, expect, it } from 'vitest';
import { gemm, initEngine, tf } from '../../src/engine';
import { gemmWorstError, random, referenceProduct as reference } from './kernel-accuracy';

describe("Kielo's wasm gemm kernel", () => {
  it('equals the float64 product for every operand layout, partial row blocks and half panels', async () => {
    await initEngine('wasm');
    expect(gemmWorstError()).toBeLessThan(5e-6); // float32 rounding over k terms; a wrong element is off by ~1
  });

  it('runs as its own kernel on wasm, leaks no tensors, and falls back where columns are not a multiple of 4', async () => {
    await initEngine('wasm');
    const a = tf.tensor2d(random(6 * 3, 1), [6, 3]);
    const b8 = tf.tensor2d(random(3 * 8, 2), [3, 8]);
    const b5 = tf.tensor2d(random(3 * 5, 3), [3, 5]);
    const before = tf.memory().numTensors;
    const profile = await tf.profile(() => tf.tidy(() => { gemm(a, b8); }));
    expect(profile.kernels.map((k) => k.name)).toContain('KieloGemm');
    const odd = gemm(a, b5);
    expect(odd.shape).toEqual([6, 5]);
    const want = reference(a.dataSync() as Float32Array, b5.dataSync() as Float32Array, 6, 3, 5, false, false);
    expect(Math.max(...Array.from(odd.dataSync(), (v, i) => Math.abs(v - want[i])))).toBeLessThan(1e-6);
    odd.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => gemm(a, b8, true)).toThrow(/inner sizes differ/);
    tf.dispose([a, b8, b5]);
  });

  it("takes the backend's BatchMatMul for 2-D and single-batch 3-D operands, keeping their output shapes", async () => {
    await initEngine('wasm');
    const [m, k, n] = [6, 5, 8];
    const av = random(m * k, 8);
    const bv = random(k * n, 9);
    const want = reference(av, bv, m, k, n, true, false);
    const got2 = tf.tidy(() => tf.matMul(tf.tensor2d(av, [k, m]), tf.tensor2d(bv, [k, n]), true, false));
    const got3 = tf.tidy(() => tf.matMul(tf.tensor3d(av, [1, k, m]), tf.tensor3d(bv, [1, k, n]), true, false));
    const batched = tf.tidy(() => tf.matMul(tf.tensor3d([...av, ...av], [2, k, m]), tf.tensor3d([...bv, ...bv], [2, k, n]), true, false));
    expect(got2.shape).toEqual([m, n]);
    expect(got3.shape).toEqual([1, m, n]);
    expect(batched.shape).toEqual([2, m, n]);
    for (const got of [got2.dataSync(), got3.dataSync(), batched.dataSync().slice(m * n)]) {
      for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    }
    tf.dispose([got2, got3, batched]);
  });

  it('gives the cpu engine the same products through tf.matMul', async () => {
    await initEngine('cpu');
    const av = random(5 * 9, 4);
    const bv = random(12 * 9, 5);
    const got = tf.tidy(() => gemm(tf.tensor2d(av, [9, 5]), tf.tensor2d(bv, [12, 9]), true, true).dataSync());
    const want = reference(av, bv, 5, 9, 12, true, true);
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    await initEngine('wasm');
  });
});

describe('the wasm kernels switch', () => {
  it('stays off for a backend without an importable memory (a threaded build shares its memory) and on for ours', async () => {
    const { checkWasmBackend } = await import('../../src/engine/wasm-backend');
    expect(checkWasmBackend({})).toBe(false);
    const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => object } }).WebAssembly;
    const shared = new wasm.Memory({ initial: 1, maximum: 1, shared: true });
    expect(checkWasmBackend({ wasm: { asm: { memory: shared } } })).toBe(false);
    await initEngine('cpu');
    await initEngine('wasm'); // loading the engine checks its backend again
    expect(checkWasmBackend(tf.backend())).toBe(true);
  });
});
