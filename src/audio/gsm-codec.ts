/**
 * The GSM 06.10 full-rate (RPE-LTP) decoder in 16-bit fixed point, as ETSI specifies it and libgsm (Jutta Degener
 * and Carsten Bormann, TU Berlin) implements it, so its samples equal libgsm's (and sox's, which uses libgsm) bit
 * for bit: one frame of 76 parameters gives 160 samples at 8 kHz. Unpacking: `unpackGsmFrame` (a 33-byte frame,
 * .gsm files) and `unpackWav49Pair` (a 65-byte block of two frames, Microsoft's GSM in WAV, format tag 0x31).
 */

/** The parameters of one frame: 8 log-area ratios, and per 40-sample sub-frame lag, gain, grid, maximum, 13 pulses. */
export interface GsmFrame {
  LARc: Int16Array;
  Nc: Int16Array;
  bc: Int16Array;
  Mc: Int16Array;
  xmaxc: Int16Array;
  /** 4 x 13 RPE pulses, 3 bits each. */
  xMc: Int16Array;
}

/** Samples one frame decodes to. */
export const GSM_FRAME_SAMPLES = 160;
/** Bytes of one frame in a .gsm file (4-bit magic 0xD + 260 bits). */
export const GSM_FRAME_BYTES = 33;
/** Bytes of one WAV49 block (two frames of 260 bits, no magic). */
export const WAV49_BLOCK_BYTES = 65;
/** Samples of one WAV49 block. */
export const WAV49_BLOCK_SAMPLES = 2 * GSM_FRAME_SAMPLES;

/** Bits of each of the 8 coded log-area ratios. */
export const LAR_BITS = [6, 6, 5, 5, 4, 4, 3, 3];

function newFrame(): GsmFrame {
  return { LARc: new Int16Array(8), Nc: new Int16Array(4), bc: new Int16Array(4), Mc: new Int16Array(4), xmaxc: new Int16Array(4), xMc: new Int16Array(52) };
}

/** Reads the 76 parameters in their bitstream order through `read(bits)`. */
function readParams(read: (bits: number) => number): GsmFrame {
  const f = newFrame();
  for (let i = 0; i < 8; i++) f.LARc[i] = read(LAR_BITS[i]);
  for (let s = 0; s < 4; s++) {
    f.Nc[s] = read(7);
    f.bc[s] = read(2);
    f.Mc[s] = read(2);
    f.xmaxc[s] = read(6);
    for (let i = 0; i < 13; i++) f.xMc[s * 13 + i] = read(3);
  }
  return f;
}

/** The magic nibble every .gsm frame starts with. */
export const GSM_MAGIC = 0xd;

/** Unpacks a 33-byte frame (most significant bit first, after the 4-bit magic 0xD); null when the magic is wrong. */
export function unpackGsmFrame(bytes: Uint8Array, at: number): GsmFrame | null {
  if (bytes[at] >> 4 !== GSM_MAGIC) return null;
  let bit = 4;
  return readParams((bits) => {
    let v = 0;
    for (let i = 0; i < bits; i++, bit++) v = (v << 1) | ((bytes[at + (bit >> 3)] >> (7 - (bit & 7))) & 1);
    return v;
  });
}

/** Unpacks a 65-byte WAV49 block into its two frames (least significant bit first, 260 bits each). */
export function unpackWav49Pair(bytes: Uint8Array, at: number): [GsmFrame, GsmFrame] {
  let bit = 0;
  const read = (bits: number) => {
    let v = 0;
    for (let i = 0; i < bits; i++, bit++) v |= ((bytes[at + (bit >> 3)] >> (bit & 7)) & 1) << i;
    return v;
  };
  return [readParams(read), readParams(read)];
}

// 16-bit fixed-point arithmetic as libgsm's add.c and private.h define it.
const MIN_WORD = -32768;
const MAX_WORD = 32767;
const word = (x: number) => (x << 16) >> 16;
const sat = (x: number) => (x < MIN_WORD ? MIN_WORD : x > MAX_WORD ? MAX_WORD : x);
/** GSM_MULT_R: rounded Q15 product (both MIN_WORD gives MAX_WORD). */
const multR = (a: number, b: number) => (a === MIN_WORD && b === MIN_WORD ? MAX_WORD : word((a * b + 16384) >> 15));
const asr = (a: number, n: number) => (n >= 16 ? (a < 0 ? -1 : 0) : n <= -16 ? 0 : n < 0 ? word(a << -n) : a >> n);
const asl = (a: number, n: number) => (n >= 16 ? 0 : n <= -16 ? (a < 0 ? -1 : 0) : n < 0 ? asr(a, -n) : word(a << n));

/** Table 4.3b: LTP gain levels (Q15); table 4.6: RPE mantissas. */
export const QLB = [3277, 11469, 21299, 32767];
const FAC = [18431, 20479, 22527, 24575, 26623, 28671, 30719, 32767];
/**
 * Table 4.1/4.2 by LAR index: a log-area ratio LAR is coded as round(A * LAR + B / 512), clamped to MIC and the
 * MIC + 2^bits - 1 above it; INVA is 2^18 / A (A = 20 for the first four).
 */
export const LAR_B = [0, 0, 2048, -2560, 94, -1792, -341, -1144];
export const LAR_MIC = [-32, -32, -16, -16, -8, -8, -4, -4];
export const LAR_INVA = [13107, 13107, 13107, 13107, 19223, 17476, 31454, 29708];
/** The de-emphasis (and the encoder's pre-emphasis) coefficient, 0.86 in Q15. */
export const GSM_EMPHASIS = 28180;

/** One decoder's state, carried from frame to frame. */
export class GsmDecoder {
  /** Reconstructed short-term residual: [0, 120) is drp[-120..-1], [120, 160) the sub-frame being made. */
  private readonly dp = new Int16Array(160);
  private nrp = 40;
  private readonly v = new Int16Array(9);
  private readonly LARpp = [new Int16Array(8), new Int16Array(8)];
  private j = 0;
  private msr = 0;
  private readonly erp = new Int16Array(40);
  private readonly wt = new Int16Array(160);
  private readonly LARp = new Int16Array(8);

  /** Decodes one frame into `out[at..at+160)` as 16-bit values (libgsm's output, before any scaling). */
  decode(f: GsmFrame, out: Int16Array, at: number): void {
    const { erp, wt } = this;
    for (let s = 0; s < 4; s++) {
      this.rpeDecoding(f.xmaxc[s], f.Mc[s], f.xMc, s * 13, erp);
      this.longTermSynthesis(f.Nc[s], f.bc[s], erp);
      wt.set(this.dp.subarray(120, 160), s * 40);
    }
    this.shortTermSynthesis(f.LARc, wt, out, at);
    this.postprocess(out, at);
  }

  /** 4.2.15-17: APCM inverse quantisation of the 13 pulses, placed on grid Mc of 40 samples. */
  private rpeDecoding(xmaxc: number, Mc: number, xMc: Int16Array, from: number, erp: Int16Array): void {
    let exp = 0;
    if (xmaxc > 15) exp = (xmaxc >> 3) - 1;
    let mant = xmaxc - (exp << 3);
    if (mant === 0) {
      exp = -4;
      mant = 7;
    } else {
      while (mant <= 7) {
        mant = (mant << 1) | 1;
        exp--;
      }
      mant -= 8;
    }
    const temp1 = FAC[mant];
    const temp2 = sat(6 - exp);
    const temp3 = asl(1, sat(temp2 - 1));
    erp.fill(0);
    for (let i = 0; i < 13; i++) {
      const temp = ((xMc[from + i] << 1) - 7) << 12;
      erp[Mc + 3 * i] = asr(sat(multR(temp1, temp) + temp3), temp2);
    }
  }

  /** 4.3.2: long-term synthesis with lag Nc (kept from the last frame when out of 40..120) and gain bc. */
  private longTermSynthesis(Ncr: number, bcr: number, erp: Int16Array): void {
    const Nr = Ncr < 40 || Ncr > 120 ? this.nrp : Ncr;
    this.nrp = Nr;
    const brp = QLB[bcr];
    const dp = this.dp;
    for (let k = 0; k < 40; k++) dp[120 + k] = sat(erp[k] + multR(brp, dp[120 + k - Nr]));
    dp.copyWithin(0, 40, 160);
  }

  /** 4.2.8-10 / 4.3.4: LARs decoded and interpolated over four spans, lattice synthesis filter. */
  private shortTermSynthesis(LARc: Int16Array, wt: Int16Array, out: Int16Array, at: number): void {
    const current = this.LARpp[this.j];
    this.j ^= 1;
    const previous = this.LARpp[this.j];
    for (let i = 0; i < 8; i++) {
      let temp1 = word(sat(LARc[i] + LAR_MIC[i]) << 10);
      temp1 = sat(temp1 - LAR_B[i] * 2);
      temp1 = multR(LAR_INVA[i], temp1);
      current[i] = sat(temp1 + temp1);
    }
    const LARp = this.LARp;
    const spans: [number, number, (i: number) => number][] = [
      [0, 13, (i) => sat(sat((previous[i] >> 2) + (current[i] >> 2)) + (previous[i] >> 1))],
      [13, 27, (i) => sat((previous[i] >> 1) + (current[i] >> 1))],
      [27, 40, (i) => sat(sat((previous[i] >> 2) + (current[i] >> 2)) + (current[i] >> 1))],
      [40, 160, (i) => current[i]],
    ];
    for (const [start, end, interpolate] of spans) {
      for (let i = 0; i < 8; i++) LARp[i] = larToRp(interpolate(i));
      this.filter(LARp, wt, start, end, out, at);
    }
  }

  private filter(rrp: Int16Array, wt: Int16Array, start: number, end: number, out: Int16Array, at: number): void {
    const v = this.v;
    for (let k = start; k < end; k++) {
      let sri = wt[k];
      for (let i = 7; i >= 0; i--) {
        sri = sat(sri - multR(rrp[i], v[i]));
        v[i + 1] = sat(v[i] + multR(rrp[i], sri));
      }
      out[at + k] = v[0] = sri;
    }
  }

  /** 4.3.5-6: de-emphasis, then truncation to 13 bits and upscaling. */
  private postprocess(out: Int16Array, at: number): void {
    let msr = this.msr;
    for (let k = 0; k < 160; k++) {
      msr = sat(out[at + k] + multR(msr, GSM_EMPHASIS));
      out[at + k] = word(sat(msr + msr) & 0xfff8);
    }
    this.msr = msr;
  }
}

/** 4.2.9.2: an interpolated LAR to a reflection coefficient. */
function larToRp(lar: number): number {
  const temp = lar < 0 ? (lar === MIN_WORD ? MAX_WORD : -lar) : lar;
  const rp = temp < 11059 ? temp << 1 : temp < 20070 ? temp + 11059 : sat((temp >> 2) + 26112);
  return lar < 0 ? -rp : rp;
}
