/**
 * The Fréchet distance between two sets of embeddings, each summarised by a Gaussian (the FID/FAD measure):
 * |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2)), with tr((S1 S2)^(1/2)) = sum of sqrt(eigenvalues of
 * S1^(1/2) S2 S1^(1/2)) (a symmetric matrix, so Jacobi's method finds them). Also the PCA the latent map uses.
 */

/** Mean [dims] and covariance [dims x dims] (divided by n - 1) of row-major rows. */
export function meanAndCovariance(rows: Float32Array | Float64Array, dims: number): { mean: Float64Array; cov: Float64Array } {
  const n = rows.length / dims;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`meanAndCovariance: need at least two rows of ${dims}, got ${rows.length} values`);
  const mean = new Float64Array(dims);
  for (let i = 0; i < rows.length; i++) mean[i % dims] += rows[i] / n;
  const cov = new Float64Array(dims * dims);
  for (let r = 0; r < n; r++) for (let a = 0; a < dims; a++) {
    const da = rows[r * dims + a] - mean[a];
    for (let b = a; b < dims; b++) cov[a * dims + b] += (da * (rows[r * dims + b] - mean[b])) / (n - 1);
  }
  for (let a = 0; a < dims; a++) for (let b = 0; b < a; b++) cov[a * dims + b] = cov[b * dims + a];
  return { mean, cov };
}

/** Eigenvalues and eigenvectors (columns of `vectors`, row-major [n x n]) of a symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/** The symmetric square root of a symmetric positive semi-definite matrix (negative eigenvalues from rounding taken as 0). */
function sqrtm(m: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(m, n);
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const s = Math.sqrt(Math.max(0, values[k]));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] += s * vectors[i * n + k] * vectors[j * n + k];
  }
  return out;
}

/** Fréchet distance between the Gaussians fitted to two sets of row-major [n x dims] embeddings. */
export function frechetDistance(a: Float32Array | Float64Array, b: Float32Array | Float64Array, dims: number): number {
  const x = meanAndCovariance(a, dims);
  const y = meanAndCovariance(b, dims);
  let d = 0;
  for (let i = 0; i < dims; i++) d += (x.mean[i] - y.mean[i]) ** 2;
  const root = sqrtm(x.cov, dims);
  // root S2 root
  const tmp = new Float64Array(dims * dims);
  const inner = new Float64Array(dims * dims);
  for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) {
    let s = 0;
    for (let k = 0; k < dims; k++) s += root[i * dims + k] * y.cov[k * dims + j];
    tmp[i * dims + j] = s;
  }
  for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) {
    let s = 0;
    for (let k = 0; k < dims; k++) s += tmp[i * dims + k] * root[k * dims + j];
    inner[i * dims + j] = s;
  }
  const { values } = symmetricEigen(inner, dims);
  let trace = 0;
  for (let i = 0; i < dims; i++) trace += x.cov[i * dims + i] + y.cov[i * dims + i];
  for (const v of values) trace -= 2 * Math.sqrt(Math.max(0, v));
  return d + trace;
}

/** Rows projected on their first two principal components (centred), as [n x 2], and the variance each explains. */
export function pca2(rows: Float32Array | Float64Array, dims: number): { points: Float64Array; explained: [number, number] } {
  const { mean, cov } = meanAndCovariance(rows, dims);
  const { values, vectors } = symmetricEigen(cov, dims);
  const order = [...values.keys()].sort((i, j) => values[j] - values[i]);
  const n = rows.length / dims;
  const points = new Float64Array(n * 2);
  for (let r = 0; r < n; r++) for (let c = 0; c < 2; c++) {
    const k = order[Math.min(c, dims - 1)];
    let s = 0;
    for (let i = 0; i < dims; i++) s += (rows[r * dims + i] - mean[i]) * vectors[i * dims + k];
    points[r * 2 + c] = dims > c ? s : 0;
  }
  const total = values.reduce((a, v) => a + Math.max(0, v), 0) || 1;
  return { points, explained: [Math.max(0, values[order[0]]) / total, dims > 1 ? Math.max(0, values[order[1]]) / total : 0] };
}
