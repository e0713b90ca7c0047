/** The curves of one run: loss and accuracy (train + validation), per-layer gradient norms with warnings. */
import type { EpochPoint } from '../contract';
import { LineChart, PALETTE } from './charts';

/** Gradient norms below this are reported as vanishing. */
export const VANISHING_NORM = 1e-5;
/** Gradient norms above this are reported as exploding. */
export const EXPLODING_NORM = 1e3;

/** A warning about the latest epoch's gradient norms, or null when they look healthy. */
export function gradientWarning(point: EpochPoint | undefined): string | null {
  if (!point) return null;
  const entries = Object.entries(point.gradNorms);
  const vanishing = entries.filter(([, v]) => v < VANISHING_NORM).map(([k]) => k);
  const exploding = entries.filter(([, v]) => v > EXPLODING_NORM || !Number.isFinite(v)).map(([k]) => k);
  if (exploding.length) return `Exploding gradients in ${exploding.join(', ')} (norm > ${EXPLODING_NORM}): lower the learning rate or clip.`;
  if (vanishing.length) return `Vanishing gradients in ${vanishing.join(', ')} (norm < ${VANISHING_NORM}): try ReLU or a smaller init scale.`;
  return null;
}

/** Loss, accuracy and gradient-norm charts of a run's history. */
export function TrainingCharts({ history, bestEpoch }: { history: EpochPoint[]; bestEpoch: number | null }) {
  const pts = (get: (p: EpochPoint) => number | undefined) =>
    history.flatMap((p) => (typeof get(p) === 'number' ? [{ x: p.epoch, y: get(p) as number }] : []));
  /** The train (solid) and validation (dashed) curves of one measure. */
  const trainAndValidation = (train: (p: EpochPoint) => number | undefined, validation: (p: EpochPoint) => number | undefined) => [
    { name: 'train', colour: PALETTE[0], points: pts(train) },
    { name: 'validation', colour: PALETTE[1], points: pts(validation), dashed: true },
  ];
  const layers = Object.keys(history.at(-1)?.gradNorms ?? {});
  const warning = gradientWarning(history.at(-1));
  const marker = bestEpoch ?? null;
  return (
    <div className="charts" data-testid="training-charts" data-epochs={history.length}>
      <LineChart
        title="Loss"
        series={trainAndValidation((p) => p.trainLoss, (p) => p.valLoss)}
        markerX={marker}
        markerLabel="best (early stop)"
      />
      <LineChart
        title="Accuracy"
        yDomain={[0, 1]}
        series={trainAndValidation((p) => p.trainAccuracy, (p) => p.valAccuracy)}
        markerX={marker}
        markerLabel="best"
      />
      <LineChart
        title="Gradient L2 norm per layer (log scale)"
        logY
        series={layers.map((layer, i) => ({ name: layer, colour: PALETTE[i % PALETTE.length], points: pts((p) => p.gradNorms[layer]) }))}
      />
      {warning && <p role="alert" className="warning">{warning}</p>}
    </div>
  );
}
