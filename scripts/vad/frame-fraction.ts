/**
 * A whole-clip speech decision from per-frame speech probabilities (a frame VAD such as Silero's): the fraction of
 * frames at or above a probability, and the fraction a clip must exceed, chosen on a tuning set of speech clips and
 * generated non-speech clips; or, untuned, the duration of the frames at or above it (Silero's own minimum). The
 * per-frame counts are src/features/silero-detector.ts's (the detector Kielo runs), the choosing is here.
 */

/** Silero's get_speech_timestamps default min_speech_duration_ms: shorter speech is dropped. */
export const MIN_SPEECH_MS = 250;

/** A tuning clip of non-speech: its kind (rejection is averaged over kinds, each counting once) and its fraction. */
export interface KindFraction {
  kind: string;
  fraction: number;
}

/** The chosen clip threshold and how it does on the set it was chosen on. */
export interface ChosenFraction {
  /** A clip is speech when its speech-frame fraction exceeds this. */
  minFraction: number;
  /** Fraction of the speech clips kept. */
  recall: number;
  /** Mean over the non-speech kinds of the fraction of their clips rejected. */
  rejection: number;
}

/**
 * The clip threshold that maximises balanced accuracy, (recall on `speech` + mean per-kind rejection of
 * `nonSpeech`) / 2, over the midpoints between consecutive distinct fractions seen (and below the lowest). Among equal
 * scores the one with the widest gap between the fractions either side wins (the largest margin), then the lowest.
 * RangeError when either set is empty.
 */
export function chooseMinFraction(speech: readonly number[], nonSpeech: readonly KindFraction[]): ChosenFraction {
  if (speech.length === 0 || nonSpeech.length === 0) throw new RangeError('chooseMinFraction needs speech and non-speech fractions');
  const values = [...new Set([...speech, ...nonSpeech.map((c) => c.fraction)])].sort((a, b) => a - b);
  const kinds = new Map<string, number[]>();
  for (const c of nonSpeech) kinds.set(c.kind, [...(kinds.get(c.kind) ?? []), c.fraction]);
  const score = (t: number) => {
    const recall = speech.filter((f) => f > t).length / speech.length;
    let rejection = 0;
    for (const fs of kinds.values()) rejection += fs.filter((f) => f <= t).length / fs.length;
    rejection /= kinds.size;
    return { recall, rejection, balanced: (recall + rejection) / 2 };
  };
  // candidates: just below the lowest value (everything is speech), and each midpoint; the top value's own threshold
  // (nothing is speech) is the last value itself
  const candidates = [{ t: values[0] - 1e-9, gap: 0 }];
  for (let i = 0; i + 1 < values.length; i++) candidates.push({ t: (values[i] + values[i + 1]) / 2, gap: values[i + 1] - values[i] });
  candidates.push({ t: values[values.length - 1], gap: 0 });
  let best: (ChosenFraction & { balanced: number; gap: number }) | undefined;
  for (const { t, gap } of candidates) {
    const s = score(t);
    if (!best || s.balanced > best.balanced + 1e-12 || (Math.abs(s.balanced - best.balanced) <= 1e-12 && gap > best.gap + 1e-12)) {
      best = { minFraction: t, recall: s.recall, rejection: s.rejection, balanced: s.balanced, gap };
    }
  }
  return { minFraction: best!.minFraction, recall: best!.recall, rejection: best!.rejection };
}
