/** Shapes shared by the audio module: decoded audio, mono audio ready for features, file facts. */

/**
 * Container/codec of an audio file, sniffed from its first bytes (never from its extension): 'ogg' is Ogg Vorbis,
 * 'opus' Ogg Opus, 'webm' Opus in WebM or Matroska, 'aiff' AIFF and AIFF-C.
 */
export type AudioFormat = 'wav' | 'flac' | 'mp3' | 'ogg' | 'opus' | 'webm' | 'aiff' | 'gsm';

/** Every format the decoder reads. */
export const AUDIO_FORMATS: readonly AudioFormat[] = ['wav', 'flac', 'mp3', 'ogg', 'opus', 'webm', 'aiff', 'gsm'];

/** A file decoded at its own rate: one Float32Array per channel, samples in [-1, 1]. */
export interface DecodedAudio {
  /** One array per channel, all the same length (frames). */
  channels: Float32Array[];
  /** Samples per second per channel. */
  sampleRate: number;
  format: AudioFormat;
  /**
   * What was odd about a file that still decoded (e.g. an Ogg stream without its end-of-stream page); decodeFile
   * also sends each to the audio warning channel (warnings.ts) with the file's name.
   */
  warnings?: string[];
}

/** A file mixed to mono and resampled: what framing and features consume. */
export interface MonoAudio {
  /** The path as given. */
  file: string;
  /** Mono samples (average of channels) at `sampleRate`. */
  samples: Float32Array;
  /** Rate of `samples` (16000 unless asked otherwise). */
  sampleRate: number;
  /** The file's own rate. */
  sourceRate: number;
  /** The file's channel count before mixing. */
  sourceChannels: number;
  format: AudioFormat;
  /** Length of the audio in seconds. */
  durationSec: number;
}

/** What `kielo info` reports about a file. */
export interface AudioInfo {
  file: string;
  sampleRate: number;
  channels: number;
  durationSec: number;
  format: AudioFormat;
}

/** Sample encodings the WAV reader understands (PCM 8/16/24/32, float 32/64, G.711 A-law and mu-law, GSM 06.10, IMA and MS ADPCM). */
export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64' | 'alaw' | 'mulaw' | 'gsm' | 'ima-adpcm' | 'ms-adpcm';

/** Encodings `encodeWav` writes. */
export type WavWriteFormat = 'pcm16' | 'float32';
