/** The one shape every feature function returns: a row-major matrix of frames by dimensions. */

/** Features of one utterance: `data` is row-major of shape [frames x dims] (frame t starts at t * dims). */
export interface FeatureMatrix {
  data: Float32Array;
  frames: number;
  dims: number;
}

/** Checks that `m.data` holds exactly frames x dims numbers; throws naming the mismatch. */
export function assertMatrix(m: FeatureMatrix, where: string): void {
  if (!Number.isInteger(m.frames) || !Number.isInteger(m.dims) || m.frames < 0 || m.dims < 0) {
    throw new RangeError(`${where}: frames and dims must be non-negative integers, got ${m.frames} x ${m.dims}`);
  }
  if (m.data.length !== m.frames * m.dims) {
    throw new RangeError(`${where}: data has ${m.data.length} values, expected frames x dims = ${m.frames} x ${m.dims}`);
  }
}
