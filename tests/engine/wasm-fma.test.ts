import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { initEngine } from '../../src/engine';
import { chooseMultiplyAdd, parseFmaSetting, relaxedSimdValidates } from '../../src/engine/wasm-fma';
import { gemmSample, gemmWorstError, tdnnWorstErrors } from './kernel-accuracy';

const run = promisify(execFile);
const RUN_SCRIPT = fileURLToPath(new URL('./kernel-accuracy-run.ts', import.meta.url));
const nodeMajor = Number(process.versions.node.split('.')[0]);
/** V8 ships relaxed SIMD from 11.4 (Node 21); Node 20's V8 (11.3) has it behind a flag. */
const RELAXED_FLAG = '--experimental-wasm-relaxed-simd';
const relaxedArgs = relaxedSimdValidates() ? [] : [RELAXED_FLAG];

/** What kernel-accuracy-run.ts prints. */
interface AccuracyReport {
  kernels: string;
  multiplyAdd: string;
  gemm: number;
  tdnn: Record<string, number>;
  sample: number[];
}

/** Runs kernel-accuracy-run.ts in a child node with the given V8 flags and KIELO_WASM_FMA. */
async function childReport(nodeArgs: string[], fma: string): Promise<AccuracyReport> {
  const { stdout } = await run(process.execPath, [...nodeArgs, '--import', 'tsx', RUN_SCRIPT], { env: { ...process.env, KIELO_WASM_FMA: fma } });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as AccuracyReport;
}

/** Whether this CPU multiplies and adds in one rounding (V8 fuses relaxed_madd only there). */
function hardwareFma(): boolean {
  if (process.arch === 'arm64') return true;
  try {
    return /^flags\s*:.*\bfma\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return false;
  }
}

function expectAccurate(report: { gemm: number; tdnn: Record<string, number> }): void {
  expect(report.gemm).toBeLessThan(5e-6); // float32 rounding over k terms; a wrong element is off by ~1
  for (const [part, error] of Object.entries(report.tdnn)) expect(error, `TDNN ${part}`).toBeLessThan(5e-6);
}

describe('relaxed SIMD detection', () => {
  it('finds f32x4.relaxed_madd on Node 21+ by default and on Node 20 only behind its V8 flag', async () => {
    expect(relaxedSimdValidates()).toBe(nodeMajor >= 21);
    const probe = `const m = await import(${JSON.stringify(new URL('../../src/engine/wasm-fma.ts', import.meta.url).href)});`
      + 'const i = new WebAssembly.Instance(new WebAssembly.Module(m.relaxedMaddProbe()), {}); i.exports.probe();'
      + 'console.log(JSON.stringify({ valid: m.relaxedSimdValidates(), lanes: [...new Float32Array(i.exports.memory.buffer, 0, 4)] }));';
    const { stdout } = await run(process.execPath, [...relaxedArgs, '--import', 'tsx', '--input-type=module', '-e', probe]);
    // relaxed_madd(2, 3, 4) = 2 x 3 + 4 in every lane: the instruction is encoded right and its addend is the third operand
    expect(JSON.parse(stdout)).toEqual({ valid: true, lanes: [10, 10, 10, 10] });
  });

  it('reads KIELO_WASM_FMA: auto takes relaxed SIMD where it validates, off never, on or an error', () => {
    expect(parseFmaSetting(undefined)).toBe('auto');
    expect(parseFmaSetting('')).toBe('auto');
    expect(parseFmaSetting('off')).toBe('off');
    expect(() => parseFmaSetting('yes')).toThrow(/KIELO_WASM_FMA='yes': expected auto, on or off/);
    expect(chooseMultiplyAdd('auto', true)).toBe('relaxed-fma');
    expect(chooseMultiplyAdd('auto', false)).toBe('simd128');
    expect(chooseMultiplyAdd('off', true)).toBe('simd128');
    expect(chooseMultiplyAdd('on', true)).toBe('relaxed-fma');
    expect(() => chooseMultiplyAdd('on', false)).toThrow(/KIELO_WASM_FMA=on, but this runtime does not validate WebAssembly relaxed SIMD/);
  });
});

describe('both multiply-add paths of the gemm and TDNN kernels against float64', () => {
  it('this process runs the path its runtime validates, within float32 rounding', async () => {
    const engine = await initEngine('wasm');
    expect(engine.kernels).toBe(relaxedSimdValidates() ? 'Kielo WebAssembly SIMD + FMA' : 'Kielo WebAssembly SIMD');
    expectAccurate({ gemm: gemmWorstError(), tdnn: tdnnWorstErrors() });
  });

  it('a relaxed SIMD runtime runs the fused path (KIELO_WASM_FMA=on), and KIELO_WASM_FMA=off keeps SIMD128 there', async () => {
    const [fused, separate] = await Promise.all([childReport(relaxedArgs, 'on'), childReport(relaxedArgs, 'off')]);
    expect([fused.kernels, fused.multiplyAdd]).toEqual(['Kielo WebAssembly SIMD + FMA', 'relaxed-fma']);
    expect([separate.kernels, separate.multiplyAdd]).toEqual(['Kielo WebAssembly SIMD', 'simd128']);
    expectAccurate(fused);
    expectAccurate(separate);
    // one rounding per multiply-add instead of two: some products differ in their last bits where the CPU fuses
    const differing = fused.sample.filter((v, i) => v !== separate.sample[i]).length;
    if (hardwareFma()) expect(differing).toBeGreaterThan(0);
    else expect(differing).toBe(0);
    // and this process, on its runtime's path, computes exactly what the child on that path did
    await initEngine('wasm');
    expect(gemmSample()).toEqual(relaxedSimdValidates() ? fused.sample : separate.sample);
  });

  it('an unknown KIELO_WASM_FMA fails the wasm engine with the bad value', async () => {
    await expect(childReport([], 'fast')).rejects.toThrow(/KIELO_WASM_FMA='fast': expected auto, on or off/);
  });
});
