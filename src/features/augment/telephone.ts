/**
 * The telephone channel: the 300-3400 Hz voice band of an 8 kHz line, optionally with a codec: G.711 companding
 * (mu-law, A-law) or the GSM-like coder of a mobile call (gsm-like.ts).
 * The band is cut at the clip's rate by a 4th-order Butterworth high-pass at 300 Hz and a 12th-order Butterworth
 * low-pass at 3400 Hz (-3 dB at both edges; > 20 dB down below ~200 Hz and above ~3.9 kHz), which also does the
 * anti-aliasing of the 8 kHz line: with a codec, the band-limited clip is decimated by 2, coded at 8 kHz, and
 * brought back by zero-stuffing and the same low-pass (images of the band removed). Band-limiting at the clip's
 * rate costs ~7 biquads per sample; the polyphase resampler's round trip cost several times more.
 * Only for 16 kHz clips (the rate the LID pipeline works at). Length is kept.
 */
import { biquad, butterworthQs, filterInPlace, type Biquad } from './biquad';
import { CODECS, codecRoundTrip } from './codec';
import { gsmLikeRoundTrip } from './gsm-like';

/** The codecs a telephone line can carry: the companding laws and the GSM-like coder. */
export const LINE_CODECS = [...CODECS, 'gsm-like'] as const;
/** A line codec. */
export type LineCodec = (typeof LINE_CODECS)[number];

/** The rate of the narrow-band line. */
export const TELEPHONE_RATE = 8000;
/** The voice band's edges in Hz. */
export const TELEPHONE_BAND = [300, 3400] as const;
/** The clip rate telephone() works at (twice the line's). */
const CLIP_RATE = 2 * TELEPHONE_RATE;

let cascades: { highpass: Biquad[]; lowpass: Biquad[] } | null = null;

/** The high-pass and low-pass cascades at 16 kHz (made once). */
export function telephoneSections(): { highpass: Biquad[]; lowpass: Biquad[] } {
  cascades ??= {
    highpass: butterworthQs(4).map((q) => biquad('highpass', TELEPHONE_BAND[0], CLIP_RATE, q)),
    lowpass: butterworthQs(12).map((q) => biquad('lowpass', TELEPHONE_BAND[1], CLIP_RATE, q)),
  };
  return cascades;
}

/**
 * x (16 kHz) as heard over a telephone line: band-limited to 300-3400 Hz and, when `codec` is given, coded with it
 * at 8 kHz; a new array of the same length.
 */
export function telephone(x: Float32Array, codec: LineCodec | null = null): Float32Array {
  const { highpass, lowpass } = telephoneSections();
  const y = filterInPlace(filterInPlace(Float32Array.from(x), highpass), lowpass);
  if (!codec) return y;
  const narrow = new Float32Array(Math.ceil(y.length / 2));
  for (let i = 0; i < narrow.length; i++) narrow[i] = y[2 * i];
  const coded = codec === 'gsm-like' ? gsmLikeRoundTrip(narrow) : codecRoundTrip(narrow, codec);
  y.fill(0);
  for (let i = 0; i < coded.length; i++) y[2 * i] = 2 * coded[i];
  return filterInPlace(y, lowpass);
}
