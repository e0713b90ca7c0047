/** Sanity limits for declared values in audio headers: beyond these a header is corrupt, not ambitious. */

/** Lowest sample rate accepted (Hz). */
export const MIN_SAMPLE_RATE = 1000;
/** Highest sample rate accepted (Hz); 768 kHz is the highest rate real hardware records. */
export const MAX_SAMPLE_RATE = 768_000;
/** Most channels accepted in one file. */
export const MAX_CHANNELS = 1024;
/**
 * Most frames (samples per channel) accepted in one file: 2^31 - 1, over 12 hours at 48 kHz. A header declaring
 * more (or packets adding up to more) is refused before anything is allocated.
 */
export const MAX_FRAMES = 2 ** 31 - 1;
/**
 * Most decoded samples (frames times channels) per byte of a compressed file whose packets declare their own length
 * (Opus): legitimate streams stay far below it (120 ms packets of a few bytes, 8 channels), while a few tiny packets
 * under a header of 255 channels would ask for gigabytes.
 */
export const MAX_SAMPLES_PER_BYTE = 4096;
/** Files this small may decode to up to this many samples whatever their size. */
const SMALL_FILE_SAMPLES = 2 ** 20;
/** Most samples (frames times channels) one file may decode to: 2^31, 8 GiB of float32. */
export const MAX_DECODED_SAMPLES = 2 ** 31;

/** The reason a declared sample rate is absurd, or null when it is plausible. */
export function sampleRateProblem(rate: number): string | null {
  if (!Number.isFinite(rate) || !Number.isInteger(rate)) return `sample rate ${rate} is not a whole number`;
  if (rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE) {
    return `sample rate ${rate} Hz is outside ${MIN_SAMPLE_RATE}..${MAX_SAMPLE_RATE} Hz`;
  }
  return null;
}

/** The reason a declared channel count is absurd, or null when it is plausible. */
export function channelCountProblem(channels: number): string | null {
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
    return `channel count ${channels} is outside 1..${MAX_CHANNELS}`;
  }
  return null;
}

/** The reason a declared (or summed) frame count is absurd, or null when it is plausible. */
export function frameCountProblem(frames: number): string | null {
  if (frames > MAX_FRAMES) return `${frames} frames is more than the ${MAX_FRAMES} one file may hold`;
  return null;
}

/**
 * The reason decoding `frames` frames of `channels` channels is absurd, or null: more than MAX_DECODED_SAMPLES in
 * all, or (when the file's size is given, for formats whose packets declare their own length) more than
 * MAX_SAMPLES_PER_BYTE per byte of the file.
 */
export function decodedSizeProblem(frames: number, channels: number, fileBytes?: number): string | null {
  const samples = frames * channels;
  if (samples > MAX_DECODED_SAMPLES) return `${frames} frames of ${channels} channels is more than the ${MAX_DECODED_SAMPLES} samples one file may decode to`;
  if (fileBytes === undefined || samples <= Math.max(SMALL_FILE_SAMPLES, MAX_SAMPLES_PER_BYTE * fileBytes)) return null;
  return `${frames} frames of ${channels} channels from ${fileBytes} bytes is more than the ${MAX_SAMPLES_PER_BYTE} samples per byte a real stream decodes to`;
}
