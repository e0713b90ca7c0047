/**
 * Matrix-vector products for the fast generator, over weights packed once into column panels so the inner loop
 * reads memory in order and keeps PANEL accumulators in registers (no allocation, no bounds juggling per sample).
 */

/** Columns per panel: each pass over the input updates this many outputs. */
export const PANEL = 8;

/** A weight matrix [rows, cols] packed as ceil(cols/PANEL) panels of [rows, PANEL], zero padded. */
export interface PackedMatrix {
  rows: number;
  cols: number;
  /** cols rounded up to a multiple of PANEL: the length an output buffer needs. */
  paddedCols: number;
  data: Float32Array;
}

/** Packs a row-major matrix [rows, cols] (rows = inputs, cols = outputs) into panels `panel` columns wide. */
export function packMatrix(values: Float32Array, rows: number, cols: number, panel = PANEL): PackedMatrix {
  if (values.length !== rows * cols) throw new Error(`packMatrix: ${values.length} values do not make [${rows}, ${cols}]`);
  const PANEL = panel;
  const paddedCols = Math.ceil(cols / PANEL) * PANEL;
  const data = new Float32Array(rows * paddedCols);
  for (let p = 0; p < paddedCols / PANEL; p++) {
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < PANEL; k++) {
        const j = p * PANEL + k;
        if (j < cols) data[p * rows * PANEL + i * PANEL + k] = values[i * cols + j];
      }
    }
  }
  return { rows, cols, paddedCols, data };
}

/** Pads a bias vector to a packed matrix's paddedCols. */
export function padBias(bias: Float32Array, paddedCols: number): Float32Array {
  const out = new Float32Array(paddedCols);
  out.set(bias);
  return out;
}

/**
 * out[j] = bias[j] + sum_i x[xOffset + i] * W[i, j] for j < paddedCols (x of length W.rows).
 * `bias` and `out` have length W.paddedCols.
 */
export function matVec(w: PackedMatrix, x: Float32Array, xOffset: number, bias: Float32Array, out: Float32Array): void {
  const rows = w.rows;
  const data = w.data;
  const panels = w.paddedCols / PANEL;
  let p = 0;
  for (let panel = 0; panel < panels; panel++) {
    const j = panel * PANEL;
    let a0 = bias[j], a1 = bias[j + 1], a2 = bias[j + 2], a3 = bias[j + 3];
    let a4 = bias[j + 4], a5 = bias[j + 5], a6 = bias[j + 6], a7 = bias[j + 7];
    for (let i = 0; i < rows; i++) {
      const xi = x[xOffset + i];
      a0 += xi * data[p];
      a1 += xi * data[p + 1];
      a2 += xi * data[p + 2];
      a3 += xi * data[p + 3];
      a4 += xi * data[p + 4];
      a5 += xi * data[p + 5];
      a6 += xi * data[p + 6];
      a7 += xi * data[p + 7];
      p += PANEL;
    }
    out[j] = a0; out[j + 1] = a1; out[j + 2] = a2; out[j + 3] = a3;
    out[j + 4] = a4; out[j + 5] = a5; out[j + 6] = a6; out[j + 7] = a7;
  }
}
