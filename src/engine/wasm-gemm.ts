/**
 * Matrix products as WebAssembly SIMD, assembled at run time for one column count and one pair of operand
 * layouts, over the memory of the tfjs wasm backend (imported, so tensors are read and written in place).
 *
 * C [m, n] = A B, where A is [m, k] row-major ('rows') or given transposed as [k, m] ('columns'), and B is [k, n]
 * ('rows') or given transposed as [n, k] ('columns'). B is first packed into panels of 8 columns ([n/8][k][8],
 * zero-padded). C is made in blocks of 4 rows: a row-major A's block is read in place, a transposed A's block
 * (and the last, partial block of either) is first packed into [k][4]. The inner loop keeps a 4 x 8 block of C in
 * eight f32x4 accumulators: per k, two loads of B, four one-float splats of A, and eight multiply-adds: fused
 * (relaxed SIMD's f32x4.relaxed_madd) where the runtime validates it, else eight multiplies and eight adds
 * (wasm-fma.ts chooses).
 * Measured here (AMD EPYC, Node 20): ~42-45 GFLOP/s for [1536, 400] x [400, 80] in either layout, against ~31
 * for the backend's XNNPACK (untransposed only; transposed operands fall to a loop ~15x slower). Blocks of 5 or
 * 6 rows spill V8's 16 SIMD registers and run at half the speed; unrolling k did not help either.
 */
import { assembleModule, FunctionBuilder, I32, V128 } from '../util/wasm-emitter';
import { instantiateOver } from './wasm-backend';
import type { MultiplyAdd } from './wasm-fma';

/** How an operand is stored: as the matrix itself ('rows', row-major) or as its transpose ('columns'). */
export type OperandLayout = 'rows' | 'columns';

/** What one assembled kernel is specialised to. */
export interface GemmSpec {
  /** Columns of C (and of B); a multiple of 4. */
  n: number;
  a: OperandLayout;
  b: OperandLayout;
  /** Floats between rows of a row-major ('rows') A, which its kernel is specialised to. */
  lda?: number;
  /**
   * A 'rows' A whose row is this many pieces of k / segments floats, piece j at byte `segmentStride` j from the
   * first (default 1). A time-delay layer's context window is then read in place: piece j = the input row j
   * dilation frames later, no context matrix built.
   */
  segments?: number;
  /**
   * After the product: add a bias vector of n (gemm's `bias` address), then ReLU if asked; or 'accumulate': add
   * the product to what C holds (C += A B).
   */
  epilogue?: 'none' | 'bias' | 'bias-relu' | 'accumulate';
  /** The inner loop's multiply-add (default 'simd128'); 'relaxed-fma' only where the runtime validates it. */
  multiplyAdd?: MultiplyAdd;
}

/** Rows of C per block, columns per panel. */
const MR = 4;
const PANEL = 8;

/** The compiled functions, taking byte addresses in the shared memory. */
export interface GemmKernel {
  /** Packs B (k rows of the product) into panels at `dst` (packedBytes(k) bytes). */
  packB(b: number, dst: number, k: number): void;
  /**
   * C = A B for m rows of C; `lda` is A's row length as stored; `scratch` holds 16 k bytes; `segmentStride`
   * and `bias` as the spec asks (else unused).
   */
  gemm(a: number, packedB: number, c: number, m: number, k: number, lda: number, scratch: number, segmentStride: number, bias: number): void;
  /** Bytes packB writes for k rows. */
  packedBytes(k: number): number;
}

/** Whether a product with n columns can run here (else the backend's own matmul runs it). */
export function gemmSupports(n: number): boolean {
  return n > 0 && n % 4 === 0;
}

/**
 * packB(b, dst, k): panel p, row kk, lane c <- B(kk, 8p + c), zero beyond n. B(kk, col) lives at
 * b + 4 (kk n + col) ('rows') or b + 4 (col k + kk) ('columns').
 */
function packBBody(spec: GemmSpec): FunctionBuilder {
  const f = new FunctionBuilder(3);
  const [B, DST, K] = [0, 1, 2];
  const kk = f.local(I32);
  const src = f.local(I32);
  const dst = f.local(I32);
  const panels = Math.ceil(spec.n / PANEL);
  for (let p = 0; p < panels; p++) {
    // this panel's first row: dst + p * k * 32; src at B(0, 8p)
    f.get(DST).get(K).i32(p * PANEL * 4).i32Mul().i32Add().set(dst);
    if (spec.b === 'rows') f.get(B).i32(p * PANEL * 4).i32Add().set(src);
    else f.get(B).get(K).i32(p * PANEL * 4).i32Mul().i32Add().set(src);
    f.i32(0).set(kk);
    f.block().get(K).i32(0).i32Eq().brIf(0).loop();
    const width = Math.min(PANEL, spec.n - p * PANEL);
    if (spec.b === 'rows') {
      // contiguous in B's row: f32x4 copies, zeros past n
      for (let v = 0; v < PANEL / 4; v++) {
        f.get(dst);
        if (4 * v < width) f.get(src).v128Load(16 * v);
        else f.f32x4Const(0);
        f.v128Store(16 * v);
      }
    }
    for (let c = 0; c < PANEL && spec.b === 'columns'; c++) {
      const col = p * PANEL + c;
      f.get(dst);
      if (col >= spec.n) {
        f.f32Const(0);
      } else {
        // B(kk, col) at src + col' k 4 where col' = c: a runtime stride
        f.get(src).get(K).i32(c * 4).i32Mul().i32Add().f32Load(0);
      }
      f.f32Store(c * 4);
    }
    f.get(dst).i32(PANEL * 4).i32Add().set(dst);
    f.get(src).i32(spec.b === 'rows' ? spec.n * 4 : 4).i32Add().set(src);
    f.get(kk).i32(1).i32Add().tee(kk).get(K).i32Ne().brIf(0);
    f.end().end();
  }
  return f;
}

/**
 * gemm(a, packedB, c, m, k, lda, scratch, segmentStride, bias), block by block of 4 rows of C. Full blocks of a
 * 'rows' A are read in place (rows spec.lda floats apart, each piece of a segmented row from its own address);
 * full blocks of a 'columns' A are packed to scratch as [k][4], one f32x4 per k; the last, partial block is
 * packed row by row, zero-padded, and only its existing rows are stored. Per panel of 8 columns the 4 x 8 block
 * is accumulated over k in eight f32x4 registers, then the epilogue applied.
 */
function gemmBody(spec: GemmSpec): FunctionBuilder {
  const f = new FunctionBuilder(9);
  const [A, BP, C, M, K, LDA, SCRATCH, SEGMENT_STRIDE, BIAS] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const segments = spec.segments ?? 1;
  const epilogue = spec.epilogue ?? 'none';
  const inPlace = spec.a === 'rows';
  if (inPlace && spec.lda === undefined) throw new Error('gemm kernel: a row-major A needs lda in the spec');
  if (!inPlace && segments !== 1) throw new Error('gemm kernel: segmented rows need a row-major A');
  const i = f.local(I32);
  const rowsLeft = f.local(I32);
  const kk = f.local(I32);
  const kSegment = f.local(I32);
  const src = f.local(I32);
  const dst = f.local(I32);
  const aBlock = f.local(I32);
  const pa = f.local(I32);
  const pb = f.local(I32);
  const pbEnd = f.local(I32);
  const crow = f.local(I32);
  const acc = Array.from({ length: MR * 2 }, () => f.local(V128));
  const b0 = f.local(V128);
  const b1 = f.local(V128);
  const av = f.local(V128);
  const fullPanels = Math.floor(spec.n / PANEL);
  const halfPanel = spec.n % PANEL === 4;
  const fused = spec.multiplyAdd === 'relaxed-fma';

  /** accumulator += av b (b: a local holding 4 columns of B). */
  const multiplyAdd = (accumulator: number, b: number) => {
    if (fused) f.get(av).get(b).get(accumulator).f32x4RelaxedMadd().set(accumulator);
    else f.get(accumulator).get(av).get(b).f32x4Mul().f32x4Add().set(accumulator);
  };

  /** Accumulates `length` k-steps from pa (row r at r * rowStride, next k kStep on) and pb into the block. */
  const accumulate = (length: number, vectors: 1 | 2, rowStride: number, kStep: number) => {
    f.get(pb).get(length).i32(PANEL * 4).i32Mul().i32Add().set(pbEnd);
    f.block().get(length).i32(0).i32Eq().brIf(0).loop();
    f.get(pb).v128Load(0).set(b0);
    if (vectors === 2) f.get(pb).v128Load(16).set(b1);
    for (let r = 0; r < MR; r++) {
      f.get(pa).v128Load32Splat(r * rowStride).set(av);
      multiplyAdd(acc[vectors * r], b0);
      if (vectors === 2) multiplyAdd(acc[2 * r + 1], b1);
    }
    f.get(pa).i32(kStep).i32Add().set(pa);
    f.get(pb).i32(PANEL * 4).i32Add().tee(pb).get(pbEnd).i32Ne().brIf(0);
    f.end().end();
  };
  /** One 4 x (8 or 4) block of C from aBlock, with the epilogue, stored where rows exist. */
  const panel = (p: number, vectors: 1 | 2, source: 'in-place' | 'scratch', partial: boolean) => {
    for (let v = 0; v < MR * vectors; v++) f.f32x4Const(0).set(acc[v]);
    if (epilogue === 'accumulate') {
      for (let r = 0; r < MR; r++) {
        f.block();
        if (partial && r > 0) f.get(rowsLeft).i32(r).i32LeS().brIf(0);
        for (let v = 0; v < vectors; v++) f.get(crow).v128Load((r * spec.n + p * PANEL + 4 * v) * 4).set(acc[vectors * r + v]);
        f.end();
      }
    }
    f.get(BP).get(K).i32(p * PANEL * 4).i32Mul().i32Add().set(pb);
    if (source === 'in-place') {
      for (let j = 0; j < segments; j++) {
        f.get(aBlock);
        if (j > 0) f.get(SEGMENT_STRIDE).i32(j).i32Mul().i32Add();
        f.set(pa);
        accumulate(kSegment, vectors, spec.lda! * 4, 4);
      }
    } else {
      f.get(aBlock).set(pa);
      accumulate(K, vectors, 4, MR * 4);
    }
    if (epilogue === 'bias' || epilogue === 'bias-relu') {
      for (let v = 0; v < vectors; v++) {
        f.get(BIAS).v128Load((p * PANEL + 4 * v) * 4).set(b0);
        for (let r = 0; r < MR; r++) {
          const a = acc[vectors * r + v];
          f.get(a).get(b0).f32x4Add();
          if (epilogue === 'bias-relu') f.f32x4Const(0).f32x4Max();
          f.set(a);
        }
      }
    }
    for (let r = 0; r < MR; r++) {
      f.block();
      if (partial && r > 0) f.get(rowsLeft).i32(r).i32LeS().brIf(0);
      for (let v = 0; v < vectors; v++) f.get(crow).get(acc[vectors * r + v]).v128Store((r * spec.n + p * PANEL + 4 * v) * 4);
      f.end();
    }
  };
  const panels = (source: 'in-place' | 'scratch', partial: boolean) => {
    for (let p = 0; p < fullPanels; p++) panel(p, 2, source, partial);
    if (halfPanel) panel(fullPanels, 1, source, partial);
  };
  /** Counted loop over kk = 0..count-1 around `body`. */
  const loopTimes = (count: number, body: () => void) => {
    f.i32(0).set(kk);
    f.block().get(count).i32(0).i32Eq().brIf(0).loop();
    body();
    f.get(kk).i32(1).i32Add().tee(kk).get(count).i32Ne().brIf(0);
    f.end().end();
  };

  f.get(K).i32(segments).i32DivU().set(kSegment);
  f.get(C).set(crow).i32(0).set(i).get(M).set(rowsLeft);
  // full blocks
  f.block().loop();
  f.get(rowsLeft).i32(MR).i32LtS().brIf(1);
  if (inPlace) {
    f.get(A).get(i).get(LDA).i32Mul().i32(4).i32Mul().i32Add().set(aBlock);
    panels('in-place', false);
  } else {
    // A(i..i+3, kk) are 4 neighbours in stored row kk: one f32x4 each
    f.get(A).get(i).i32(4).i32Mul().i32Add().set(src).get(SCRATCH).set(dst);
    loopTimes(K, () => {
      f.get(dst).get(src).v128Load(0).v128Store(0);
      f.get(dst).i32(MR * 4).i32Add().set(dst);
      f.get(src).get(LDA).i32(4).i32Mul().i32Add().set(src);
    });
    f.get(SCRATCH).set(aBlock);
    panels('scratch', false);
  }
  f.get(crow).i32(MR * spec.n * 4).i32Add().set(crow);
  f.get(rowsLeft).i32(MR).i32Sub().set(rowsLeft);
  f.get(i).i32(MR).i32Add().set(i);
  f.br(0);
  f.end().end();
  // the partial block: rows that exist packed one by one (piece by piece), the rest zero
  f.block().get(rowsLeft).i32(0).i32Eq().brIf(0);
  for (let r = 0; r < MR; r++) {
    f.get(SCRATCH).i32(r * 4).i32Add().set(dst);
    f.block().block();
    if (r > 0) f.get(rowsLeft).i32(r).i32LeS().brIf(0);
    for (let j = 0; j < segments; j++) {
      // A(i + r, piece j, 0): rows: a + 4 (i + r) lda + j segmentStride; columns: a + 4 (i + r)
      if (inPlace) f.get(A).get(i).i32(r).i32Add().get(LDA).i32Mul().i32(4).i32Mul().i32Add().get(SEGMENT_STRIDE).i32(j).i32Mul().i32Add().set(src);
      else f.get(A).get(i).i32(r).i32Add().i32(4).i32Mul().i32Add().set(src);
      loopTimes(kSegment, () => {
        f.get(dst).get(src).f32Load(0).f32Store(0);
        f.get(dst).i32(MR * 4).i32Add().set(dst);
        if (inPlace) f.get(src).i32(4).i32Add().set(src);
        else f.get(src).get(LDA).i32(4).i32Mul().i32Add().set(src);
      });
    }
    f.br(1);
    f.end();
    loopTimes(K, () => {
      f.get(dst).f32Const(0).f32Store(0);
      f.get(dst).i32(MR * 4).i32Add().set(dst);
    });
    f.end();
  }
  f.get(SCRATCH).set(aBlock);
  panels('scratch', true);
  f.end();
  return f;
}

/** Assembles the kernel for `spec` and instantiates it over `memory` (the backend's WebAssembly.Memory). */
export function buildGemmKernel(spec: GemmSpec, memory: object): GemmKernel {
  if (!gemmSupports(spec.n)) throw new Error(`gemm kernel: ${spec.n} columns is not a multiple of 4`);
  const bytes = assembleModule('imported', [
    { name: 'packB', body: packBBody(spec) },
    { name: 'gemm', body: gemmBody(spec) },
  ]);
  const exports = instantiateOver(bytes, memory);
  const panels = Math.ceil(spec.n / PANEL);
  return {
    packB: exports.packB as GemmKernel['packB'],
    gemm: exports.gemm as GemmKernel['gemm'],
    packedBytes: (k) => panels * k * PANEL * 4,
  };
}
