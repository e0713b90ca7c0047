import { describe, expect, it } from 'vitest';
import { availableEngines, initEngine, parseEngineName, tf } from '../../src/engine';

describe('engine selection', () => {
  it('finds the wasm and cpu engines on every machine', async () => {
    const engines = await availableEngines();
    expect(engines).toContain('wasm');
    expect(engines).toContain('cpu');
  });

  it('runs the same matmul on each engine it loads', async () => {
    const results: number[] = [];
    for (const name of await availableEngines()) {
      const info = await initEngine(name);
      expect(info.name).toBe(name);
      expect(tf.getBackend()).toBe(info.backend);
      const a = tf.tensor2d([[1, 2], [3, 4]]);
      results.push(...(await tf.matMul(a, a).data()));
    }
    expect(results.slice(0, 4)).toEqual([7, 10, 15, 22]);
  });

  it("says when Kielo's own kernels run on top of the engine (wasm) and when not (cpu)", async () => {
    expect((await initEngine('wasm')).kernels).toMatch(/^Kielo WebAssembly SIMD( \+ FMA)?$/); // + FMA where relaxed SIMD validates
    expect((await initEngine('cpu')).kernels).toBeNull();
    await initEngine('wasm');
  });

  it('rejects an unknown engine name with the bad value', () => {
    expect(() => parseEngineName('gpu')).toThrow(/unknown engine 'gpu'/);
  });

  it('refuses a forced engine that cannot load instead of falling back', async () => {
    let nodeLoads = true;
    try {
      await import('@tensorflow/tfjs-node' as string);
    } catch {
      nodeLoads = false;
    }
    if (nodeLoads) await expect(initEngine('node')).resolves.toMatchObject({ name: 'node' });
    else await expect(initEngine('node')).rejects.toThrow(/engine 'node' is not available/);
  });
});
