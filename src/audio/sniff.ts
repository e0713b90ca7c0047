/** Recognises an audio format from a file's first bytes; the extension is only used to word the error. */
import type { AudioFormat } from './types';
import { looksLikeWav } from './wav-header';
import { isMpegFrameHeader } from './mp3-header';
import { extensionOf } from './files';
import { looksLikeAiff } from './aiff-decode';
import { looksLikeEbml } from './webm-demux';

/** How many leading bytes `sniffFormat` needs to decide. */
export const SNIFF_BYTES = 16;

/**
 * The format the bytes start with, or null when they start like no format we read. Raw GSM has no header, so it is
 * recognised from the whole file instead (gsm-decode.ts looksLikeGsm).
 */
export function sniffFormat(head: Uint8Array): AudioFormat | null {
  const text = String.fromCharCode(...head.subarray(0, 4));
  if (looksLikeWav(head) || text === 'RIFF' || text === 'RF64' || text === 'RIFX') return 'wav'; // the WAV reader gives the precise reason
  if (text === 'fLaC') return 'flac';
  if (text === 'OggS') return 'ogg'; // Vorbis or Opus: decode.ts reads the codec from the first packet
  if (looksLikeAiff(head) || text === 'FORM') return 'aiff'; // a bare FORM gets the AIFF reader's precise reason
  if (looksLikeEbml(head)) return 'webm';
  if (text.startsWith('ID3') || isMpegFrameHeader(head, 0)) return 'mp3';
  return null;
}

const EXPECTED: Record<string, string> = {
  wav: 'not a RIFF/WAVE file',
  wave: 'not a RIFF/WAVE file',
  flac: 'not a FLAC file',
  mp3: 'not an MP3 file',
  ogg: 'not an Ogg file',
  oga: 'not an Ogg file',
  opus: 'not an Ogg Opus file',
  webm: 'not a WebM file',
  weba: 'not a WebM file',
  aif: 'not an AIFF file',
  aiff: 'not an AIFF file',
  aifc: 'not an AIFF-C file',
  gsm: 'not a GSM 06.10 file',
};

/** Why a file of unknown content was refused, worded after what its extension promised. */
export function unknownFormatReason(file: string, head: Uint8Array): string {
  if (head.length === 0) return 'empty file (zero bytes)';
  const expected = EXPECTED[extensionOf(file)] ?? 'unrecognised audio format';
  return `${expected} (starts with ${describeBytes(head.subarray(0, 4))}; WAV, AIFF, FLAC, MP3, Ogg Vorbis, Ogg Opus, WebM Opus and GSM 06.10 are read)`;
}

function describeBytes(bytes: Uint8Array): string {
  const printable = [...bytes].every((b) => b >= 0x20 && b < 0x7f);
  if (printable) return JSON.stringify(String.fromCharCode(...bytes));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
