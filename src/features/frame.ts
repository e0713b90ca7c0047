/**
 * Framing: cut a signal into overlapping windows held in one contiguous buffer.
 *
 * Convention (Kaldi's snip-edges, torchaudio's `center=False`): frame t covers samples
 * [t * hop, t * hop + window). For n >= window samples there are `1 + floor((n - window) / hop)` frames; the tail
 * after the last whole frame (fewer than `hop` samples) is dropped, never padded. A signal shorter than one window
 * (0 < n < window) gives exactly one frame, zero-padded at its end, so every non-empty clip yields features.
 * An empty signal gives zero frames. At 16 kHz with the defaults (400 / 160), one second gives 98 frames.
 */

/** Framing options, in samples. */
export interface FrameOptions {
  /** Window length in samples; default 400 (25 ms at 16 kHz); integer >= 1. */
  windowSamples?: number;
  /** Hop between frame starts in samples; default 160 (10 ms at 16 kHz); integer >= 1. */
  hopSamples?: number;
}

/** Default framing: 25 ms windows every 10 ms at 16 kHz. */
export const defaultFrameOptions = { windowSamples: 400, hopSamples: 160 } as const satisfies Required<FrameOptions>;

/** Frames of a signal: `data` is row-major of shape [frames x window]. */
export interface Frames {
  data: Float32Array;
  frames: number;
  window: number;
}

/** The number of frames a signal of `n` samples gives under the convention above. */
export function frameCount(n: number, windowSamples: number, hopSamples: number): number {
  assertFraming(windowSamples, hopSamples);
  if (n <= 0) return 0;
  if (n < windowSamples) return 1;
  return 1 + Math.floor((n - windowSamples) / hopSamples);
}

/** Cuts `x` into frames of shape [frames x windowSamples] in one new Float32Array (see the convention above). */
export function frameSignal(x: Float32Array, options: FrameOptions = {}): Frames {
  const window = options.windowSamples ?? defaultFrameOptions.windowSamples;
  const hop = options.hopSamples ?? defaultFrameOptions.hopSamples;
  const frames = frameCount(x.length, window, hop);
  const data = new Float32Array(frames * window);
  for (let t = 0; t < frames; t++) {
    const start = t * hop;
    // subarray clamps at the end, so the one short frame of a short signal stays zero-padded.
    data.set(x.subarray(start, start + window), t * window);
  }
  return { data, frames, window };
}

function assertFraming(windowSamples: number, hopSamples: number): void {
  if (!Number.isInteger(windowSamples) || windowSamples < 1) {
    throw new RangeError(`frameSignal: windowSamples must be an integer >= 1, got ${windowSamples}`);
  }
  if (!Number.isInteger(hopSamples) || hopSamples < 1) {
    throw new RangeError(`frameSignal: hopSamples must be an integer >= 1, got ${hopSamples}`);
  }
}
