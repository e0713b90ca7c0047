/** Equal error rate of a detector from target and non-target scores (higher score = more target-like). */

/**
 * The EER: the rate where the miss rate Pmiss(t) = P(target score < t) equals the false-alarm rate
 * Pfa(t) = P(non-target score >= t). Thresholds sweep every distinct score; where Pmiss - Pfa changes sign between
 * two neighbouring thresholds the two curves are interpolated linearly, so the result lies between their values.
 * Perfect separation gives 0, identical score sets give 0.5. Throws when either set is empty.
 */
export function equalErrorRate(targetScores: ArrayLike<number>, nontargetScores: ArrayLike<number>): number {
  const nT = targetScores.length;
  const nN = nontargetScores.length;
  if (nT === 0 || nN === 0) throw new RangeError(`equalErrorRate needs target and non-target scores, got ${nT} and ${nN}`);
  const targets = Float64Array.from(targetScores).sort();
  const nontargets = Float64Array.from(nontargetScores).sort();
  const thresholds = Array.from(new Set([...targets, ...nontargets])).sort((a, b) => a - b);
  thresholds.push(Infinity);
  let t = 0;
  let n = 0;
  let previous: { miss: number; fa: number } | null = null;
  for (const threshold of thresholds) {
    while (t < nT && targets[t] < threshold) t++;
    while (n < nN && nontargets[n] < threshold) n++;
    const point = { miss: t / nT, fa: (nN - n) / nN };
    if (point.miss >= point.fa) {
      if (!previous || point.miss === point.fa) return point.miss;
      // Pmiss - Pfa went from negative (previous) to positive (point): intersect the two segments.
      const d0 = previous.miss - previous.fa;
      const d1 = point.miss - point.fa;
      const w = d0 / (d0 - d1);
      return previous.miss + w * (point.miss - previous.miss);
    }
    previous = point;
  }
  return previous ? previous.miss : 0;
}

/**
 * Pooled detection scores from closed-set posteriors: for every item, its true class's posterior is a target score
 * and each other class's posterior a non-target score. `posteriors` has one row of N class scores per item;
 * `actual` the true class index per item.
 */
export function pooledScores(posteriors: ArrayLike<number>[], actual: ArrayLike<number>): { target: number[]; nontarget: number[] } {
  const target: number[] = [];
  const nontarget: number[] = [];
  posteriors.forEach((row, i) => {
    for (let c = 0; c < row.length; c++) (c === actual[i] ? target : nontarget).push(row[c]);
  });
  return { target, nontarget };
}
