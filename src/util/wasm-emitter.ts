/**
 * A minimal WebAssembly binary writer: enough of the format (functions of i32 parameters, one memory of the
 * module's own or imported, i32/f32/v128 instructions incl. SIMD and relaxed SIMD's multiply-add) to assemble kernels at run time, specialised to
 * one model's shapes: the WaveNet generator's step, the wasm engine's matmuls. No toolchain needed.
 */

/** Value types. */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Signed LEB128 (32-bit range). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  value |= 0;
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** Builds one function body: locals and instructions. Memory offsets are byte addresses. */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly locals: number[] = [];

  constructor(readonly paramCount: number) {}

  /** Declares a local of a type; returns its index. */
  local(type: number): number {
    this.locals.push(type);
    return this.paramCount + this.locals.length - 1;
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }
  private simd(opcode: number, ...rest: number[]): this {
    return this.op(0xfd, ...uleb(opcode), ...rest);
  }

  get(index: number) { return this.op(0x20, ...uleb(index)); }
  set(index: number) { return this.op(0x21, ...uleb(index)); }
  tee(index: number) { return this.op(0x22, ...uleb(index)); }
  i32(value: number) { return this.op(0x41, ...sleb(value)); }
  i32Add() { return this.op(0x6a); }
  i32Sub() { return this.op(0x6b); }
  i32Mul() { return this.op(0x6c); }
  i32DivU() { return this.op(0x6e); }
  i32Eq() { return this.op(0x46); }
  i32Ne() { return this.op(0x47); }
  i32LtS() { return this.op(0x48); }
  i32GtS() { return this.op(0x4a); }
  i32LeS() { return this.op(0x4c); }
  i32Load(offset = 0) { return this.op(0x28, 2, ...uleb(offset)); }
  i32Store(offset = 0) { return this.op(0x36, 2, ...uleb(offset)); }
  f32Load(offset = 0) { return this.op(0x2a, 2, ...uleb(offset)); }
  f32Store(offset = 0) { return this.op(0x38, 2, ...uleb(offset)); }
  f32ReinterpretI32() { return this.op(0xbe); }
  f32Const(value: number) { return this.op(0x43, ...new Uint8Array(new Float32Array([value]).buffer)); }
  select() { return this.op(0x1b); }
  loop() { return this.op(0x03, 0x40); }
  block() { return this.op(0x02, 0x40); }
  br(depth: number) { return this.op(0x0c, ...uleb(depth)); }
  brIf(depth: number) { return this.op(0x0d, ...uleb(depth)); }
  end() { return this.op(0x0b); }
  v128Load(offset = 0) { return this.simd(0x00, 4, ...uleb(offset)); }
  v128Store(offset = 0) { return this.simd(0x0b, 4, ...uleb(offset)); }
  /** Loads one f32 into all four lanes. */
  v128Load32Splat(offset = 0) { return this.simd(0x09, 2, ...uleb(offset)); }
  f32x4Const(value: number) {
    const bytes = new Uint8Array(new Float32Array([value, value, value, value]).buffer);
    return this.simd(0x0c, ...bytes);
  }
  f32x4Splat() { return this.simd(0x13); }
  f32x4Sqrt() { return this.simd(0xe3); }
  f32x4Add() { return this.simd(0xe4); }
  f32x4Sub() { return this.simd(0xe5); }
  f32x4Mul() { return this.simd(0xe6); }
  f32x4Div() { return this.simd(0xe7); }
  f32x4Min() { return this.simd(0xe8); }
  f32x4Max() { return this.simd(0xe9); }
  /**
   * a b c -> a b + c (relaxed SIMD's f32x4.relaxed_madd): fused, one rounding, where the hardware has FMA. Only
   * where the runtime validates relaxed SIMD (src/engine/wasm-fma.ts detects it).
   */
  f32x4RelaxedMadd() { return this.simd(0x105); }

  /** The encoded body: local declarations, code, end. */
  encode(): number[] {
    const groups: number[] = [];
    let count = 0;
    for (let i = 0; i < this.locals.length; i++) {
      if (i + 1 === this.locals.length || this.locals[i + 1] !== this.locals[i]) {
        groups.push(...uleb(i - count + 1), this.locals[i]);
        count = i + 1;
      }
    }
    const body = [...uleb(groups.length / 2), ...groups, ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}
function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

/**
 * A module of the given functions, all of type (i32 x paramCount) -> (). Its memory: `pages` (of 64 KiB) of its
 * own, exported as `memory`; or 'imported', the memory the instance is given as `env.memory` (any size).
 */
export function assembleModule(pages: number | 'imported', functions: { name: string; body: FunctionBuilder }[]): Uint8Array {
  const paramCounts = [...new Set(functions.map((f) => f.body.paramCount))];
  const types = section(1, [...uleb(paramCounts.length), ...paramCounts.flatMap((n) => [0x60, ...uleb(n), ...Array(n).fill(I32), 0])]);
  const imports = pages === 'imported' ? section(2, [1, ...name('env'), ...name('memory'), 2, 0x00, 0]) : [];
  const funcs = section(3, [...uleb(functions.length), ...functions.flatMap((f) => uleb(paramCounts.indexOf(f.body.paramCount)))]);
  const memory = pages === 'imported' ? [] : section(5, [1, 0x00, ...uleb(pages)]);
  const exported = functions.flatMap((f, i) => [...name(f.name), 0, ...uleb(i)]);
  const exports = pages === 'imported'
    ? section(7, [...uleb(functions.length), ...exported])
    : section(7, [...uleb(functions.length + 1), ...name('memory'), 2, 0, ...exported]);
  const code = section(10, [...uleb(functions.length), ...functions.flatMap((f) => f.body.encode())]);
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...funcs, ...memory, ...exports, ...code]);
}
