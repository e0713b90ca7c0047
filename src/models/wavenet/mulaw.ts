/** Mu-law companding and quantisation (ITU-T G.711 style curve), used for WaveNet's categorical output. */

/**
 * Encodes samples in [-1, 1] to mu-law class indices 0..classes-1 (mu = classes - 1, 255 by default).
 * Values outside [-1, 1] are clipped.
 */
export function mulawEncode(samples: Float32Array, classes = 256): Int32Array {
  const mu = classes - 1;
  const logMu = Math.log1p(mu);
  const out = new Int32Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const x = Math.max(-1, Math.min(1, samples[i]));
    const y = (Math.sign(x) * Math.log1p(mu * Math.abs(x))) / logMu;
    out[i] = Math.min(mu, Math.max(0, Math.floor(((y + 1) / 2) * mu + 0.5)));
  }
  return out;
}

/** Decodes one mu-law class index back to a sample in [-1, 1]. */
export function mulawDecodeOne(index: number, classes = 256): number {
  const mu = classes - 1;
  const y = (2 * index) / mu - 1;
  return (Math.sign(y) * ((1 + mu) ** Math.abs(y) - 1)) / mu;
}

/** Decodes mu-law class indices to samples in [-1, 1]. */
export function mulawDecode(indices: ArrayLike<number>, classes = 256): Float32Array {
  const table = mulawTable(classes);
  const out = new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = table[indices[i]];
  return out;
}

/** The sample value of every class: a lookup table of length `classes`. */
export function mulawTable(classes = 256): Float32Array {
  const table = new Float32Array(classes);
  for (let c = 0; c < classes; c++) table[c] = mulawDecodeOne(c, classes);
  return table;
}
