/**
 * The speech detectors a clip's speech / no-speech decision can come from: 'kielo', our energy+spectral detector
 * (speech-detector.ts, the default: no model, instant), or 'silero', Silero VAD v6 (silero-detector.ts: a network run
 * with onnxruntime-web, loaded on first use; rejects recorded non-speech sounds ours takes for speech).
 */
import { detectSpeechSilero } from './silero-detector';
import { detectSpeech, type SpeechDetectorOptions } from './speech-detector';

/** The speech detectors, the default first. */
export const VADS = ['kielo', 'silero'] as const;
export type VadName = (typeof VADS)[number];

/** Whether mono `samples` at `sampleRate` hold speech, by `vad`; `kielo` takes our detector's thresholds. */
export async function detectSpeechWith(vad: VadName, samples: Float32Array, sampleRate: number, kielo?: SpeechDetectorOptions): Promise<boolean> {
  if (vad === 'silero') return (await detectSpeechSilero(samples, sampleRate)).speech;
  if (vad === 'kielo') return detectSpeech(samples, sampleRate, kielo).speech;
  throw new RangeError(`unknown speech detector '${String(vad)}': one of ${VADS.join(', ')}`);
}
