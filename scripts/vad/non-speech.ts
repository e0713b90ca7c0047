/**
 * Generated non-speech for measuring the speech detector (src/features/speech-detector.ts): pure tones, chords,
 * white and pink noise at several levels, silence, click trains and a "music" of tone notes with rhythm. Seeded;
 * 16 kHz mono Float32Arrays, nothing written to disk.
 */
import { gaussian, makeRng, type Rng } from '../../src/util/random';

/** One generated clip: its kind (the group it is reported in), a name and the samples. */
export interface NonSpeechClip {
  kind: 'tone' | 'chord' | 'white-noise' | 'pink-noise' | 'silence' | 'clicks' | 'music';
  name: string;
  samples: Float32Array;
}

const RATE = 16000;

function tone(hz: number[], amp: number, seconds: number, rng: Rng): Float32Array {
  const x = new Float32Array(Math.round(seconds * RATE));
  const phases = hz.map(() => rng() * 2 * Math.PI);
  for (let i = 0; i < x.length; i++) {
    let v = 0;
    hz.forEach((f, j) => (v += Math.sin((2 * Math.PI * f * i) / RATE + phases[j])));
    x[i] = (amp * v) / hz.length;
  }
  return x;
}

function white(amp: number, seconds: number, rng: Rng): Float32Array {
  const x = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < x.length; i++) x[i] = amp * gaussian(rng);
  return x;
}

/** Pink noise by Paul Kellet's filter of white noise, scaled to RMS `amp`. */
function pink(amp: number, seconds: number, rng: Rng): Float32Array {
  const x = new Float32Array(Math.round(seconds * RATE));
  let [b0, b1, b2, b3, b4, b5, b6] = [0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const w = gaussian(rng);
    b0 = 0.99886 * b0 + w * 0.0555179;
    b1 = 0.99332 * b1 + w * 0.0750759;
    b2 = 0.969 * b2 + w * 0.153852;
    b3 = 0.8665 * b3 + w * 0.3104856;
    b4 = 0.55 * b4 + w * 0.5329522;
    b5 = -0.7616 * b5 - w * 0.016898;
    x[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
    b6 = w * 0.115926;
  }
  let sq = 0;
  for (const v of x) sq += v * v;
  const scale = amp / Math.sqrt(sq / x.length);
  for (let i = 0; i < x.length; i++) x[i] *= scale;
  return x;
}

function clicks(perSecond: number, amp: number, seconds: number, rng: Rng): Float32Array {
  const x = new Float32Array(Math.round(seconds * RATE));
  for (let t = rng() * (RATE / perSecond); t < x.length; t += (RATE / perSecond) * (0.5 + rng())) {
    const at = Math.floor(t);
    for (let k = 0; k < 16 && at + k < x.length; k++) x[at + k] = amp * (k % 2 ? -1 : 1) * Math.exp(-k / 4);
  }
  return x;
}

/** Notes of 100-400 ms (sine + 2 harmonics, 10 ms attack, exponential decay) from a pentatonic scale, with rests. */
function music(amp: number, seconds: number, rng: Rng, chords: boolean): Float32Array {
  const x = new Float32Array(Math.round(seconds * RATE));
  const scale = [0, 2, 4, 7, 9, 12, 14, 16];
  const beat = 0.1 + rng() * 0.15;
  let t = 0;
  while (t < x.length) {
    const len = Math.round(beat * RATE * (1 + Math.floor(rng() * 3)));
    if (rng() < 0.8) {
      const roots = chords ? [0, 4, 7] : [0];
      const base = 196 * Math.pow(2, scale[Math.floor(rng() * scale.length)] / 12);
      for (const r of roots) {
        const f = base * Math.pow(2, r / 12);
        for (let i = 0; i < len && t + i < x.length; i++) {
          const env = Math.min(1, i / (0.01 * RATE)) * Math.exp(-i / (0.3 * RATE));
          const ph = (2 * Math.PI * f * i) / RATE;
          x[t + i] += (amp / roots.length) * env * (Math.sin(ph) + 0.5 * Math.sin(2 * ph) + 0.25 * Math.sin(3 * ph));
        }
      }
    }
    t += len;
  }
  return x;
}

/** The generated set: 3 s clips, seeded by `seed`. */
export function nonSpeechClips(seed = 1, seconds = 3): NonSpeechClip[] {
  const rng = makeRng(seed);
  const clips: NonSpeechClip[] = [];
  for (const hz of [100, 150, 200, 300, 440, 700, 1000, 1500, 2000, 3000, 4000]) {
    for (const amp of [0.05, 0.5]) clips.push({ kind: 'tone', name: `tone ${hz} Hz amp ${amp}`, samples: tone([hz], amp, seconds, rng) });
  }
  for (const chord of [[262, 330, 392], [220, 277, 330, 440], [110, 165, 220], [500, 1000, 1500, 2000], [300, 450]]) {
    for (const amp of [0.1, 0.6]) clips.push({ kind: 'chord', name: `chord ${chord.join('+')} Hz amp ${amp}`, samples: tone(chord, amp, seconds, rng) });
  }
  for (const db of [-60, -50, -40, -30, -20, -10]) {
    const amp = Math.pow(10, db / 20);
    clips.push({ kind: 'white-noise', name: `white noise ${db} dBFS`, samples: white(amp, seconds, rng) });
    clips.push({ kind: 'pink-noise', name: `pink noise ${db} dBFS`, samples: pink(amp, seconds, rng) });
  }
  clips.push({ kind: 'silence', name: 'digital silence', samples: new Float32Array(seconds * RATE) });
  for (const db of [-90, -80, -70]) clips.push({ kind: 'silence', name: `near silence (white ${db} dBFS)`, samples: white(Math.pow(10, db / 20), seconds, rng) });
  for (const rate of [1, 2, 5, 10, 20]) clips.push({ kind: 'clicks', name: `clicks ${rate}/s`, samples: clicks(rate, 0.5, seconds, rng) });
  for (let k = 0; k < 6; k++) clips.push({ kind: 'music', name: `melody ${k}`, samples: music(0.3, seconds, rng, false) });
  for (let k = 0; k < 4; k++) clips.push({ kind: 'music', name: `chord melody ${k}`, samples: music(0.3, seconds, rng, true) });
  return clips;
}
