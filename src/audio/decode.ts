/** Decodes any supported audio file at its own rate, and reports a file's facts (`kielo info`). */
import type { AudioInfo, DecodedAudio } from './types';
import { InputFileError } from '../util/errors';
import { readInputFile } from './read-bytes';
import { SNIFF_BYTES, sniffFormat, unknownFormatReason } from './sniff';
import { decodeWav } from './wav-decode';
import { AudioFormatError } from './format-error';
import { decodeFlac } from './flac-decode';
import { decodeOgg } from './ogg-decode';
import { oggCodec } from './ogg';
import { decodeOggOpus } from './ogg-opus-decode';
import { decodeWebm } from './webm-decode';
import { decodeAiff } from './aiff-decode';
import { decodeMp3 } from './mp3-decode';
import { decodeGsm, looksLikeGsm } from './gsm-decode';
import { extensionOf } from './files';
import { reportAudioWarning } from './warnings';

/**
 * Decodes bytes already in memory; `file` names them in errors and warnings. Throws InputFileError on any bad
 * input; a file read with a caveat keeps it in `warnings` and sends each to the audio warning channel.
 */
export async function decodeBytes(file: string, bytes: Uint8Array): Promise<DecodedAudio> {
  const decoded = await decodeSniffed(file, bytes);
  for (const warning of decoded.warnings ?? []) reportAudioWarning(file, warning);
  return decoded;
}

async function decodeSniffed(file: string, bytes: Uint8Array): Promise<DecodedAudio> {
  const format = sniffFormat(bytes.subarray(0, SNIFF_BYTES)) ?? (looksLikeGsm(bytes, extensionOf(file) === 'gsm') ? 'gsm' : null);
  try {
    switch (format) {
      case 'wav':
        return decodeWav(bytes);
      case 'flac':
        return await decodeFlac(bytes);
      case 'ogg':
        return await (oggCodec(bytes) === 'opus' ? decodeOggOpus(bytes) : decodeOgg(bytes));
      case 'webm':
        return await decodeWebm(bytes);
      case 'aiff':
        return decodeAiff(bytes);
      case 'mp3':
        return await decodeMp3(bytes);
      case 'gsm':
        return decodeGsm(bytes);
      default:
        throw new InputFileError(file, unknownFormatReason(file, bytes.subarray(0, SNIFF_BYTES)));
    }
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    if (error instanceof AudioFormatError) throw new InputFileError(file, error.message);
    // A decoder that throws on its own (WASM trap, unexpected data) still names the file.
    throw new InputFileError(file, `cannot decode ${format ?? 'audio'} data: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Decodes a file (WAV, AIFF, FLAC, MP3, Ogg Vorbis, Ogg Opus, WebM Opus, GSM 06.10; sniffed from its bytes) at its own rate, all channels. */
export async function decodeFile(file: string): Promise<DecodedAudio> {
  return decodeBytes(file, await readInputFile(file));
}

/** A file's rate, channels, duration and format; the file is fully decoded, so a file `info` accepts also loads. */
export async function probeFile(file: string): Promise<AudioInfo> {
  const { channels, sampleRate, format } = await decodeFile(file);
  return { file, sampleRate, channels: channels.length, durationSec: channels[0].length / sampleRate, format };
}
