/** The curves of one run: loss (per epoch and per batch) and accuracy (train + validation), per-layer gradient norms with warnings. */
import type { EpochPoint, LossTracePoint } from '../contract';
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

/** The best epoch marker's label: "best epoch", or that early stopping stopped the run after it. */
export function bestEpochLabel(stoppedEarly: boolean): string {
  return stoppedEarly ? 'best epoch (early stop)' : 'best epoch';
}

/** What TrainingCharts draws. */
export interface TrainingChartsProps {
  history: EpochPoint[];
  /** The loss within epochs (x in epochs: 2.5 is half way through epoch 3). */
  lossTrace?: LossTracePoint[];
  /** Marked on the loss and accuracy curves; null for none (a running run). */
  bestEpoch: number | null;
  /** Whether early stopping ended the run (the marker says so). */
  stoppedEarly?: boolean;
  /** File names of the figures ('run-20261205-lid' gives run-20261205-lid-loss.svg...); no export buttons without. */
  exportName?: string;
}

/** Loss (per epoch, with the per-batch trace), accuracy and gradient-norm charts of a run. */
export function TrainingCharts({ history, lossTrace = [], bestEpoch, stoppedEarly = false, exportName }: TrainingChartsProps) {
  const pts = (get: (p: EpochPoint) => number | undefined) =>
    history.flatMap((p) => (typeof get(p) === 'number' ? [{ x: p.epoch, y: get(p) as number }] : []));
  /** The train (solid) and validation (dashed) curves of one measure. */
  const trainAndValidation = (train: (p: EpochPoint) => number | undefined, validation: (p: EpochPoint) => number | undefined) => [
    { name: 'train', colour: PALETTE[0], points: pts(train) },
    { name: 'validation', colour: PALETTE[1], points: pts(validation), dashed: true },
  ];
  // the trace's x runs from 0 (start of epoch 1) to E (end of epoch E): on the epoch axis, an epoch's point sits at its end
  const trace = lossTrace.length ? [{ name: 'train (per batch)', colour: PALETTE[4], points: lossTrace.map((p) => ({ x: p.x, y: p.loss })), thin: true }] : [];
  const layers = Object.keys(history.at(-1)?.gradNorms ?? {});
  const warning = gradientWarning(history.at(-1));
  const markerLabel = bestEpochLabel(stoppedEarly);
  const figure = (part: string) => (exportName ? `${exportName}-${part}` : undefined);
  return (
    <div className="charts" data-testid="training-charts" data-epochs={history.length}>
      <LineChart
        title="Loss"
        series={[...trace, ...trainAndValidation((p) => p.trainLoss, (p) => p.valLoss)]}
        xDomain={lossTrace.length ? [0, Math.max(lossTrace.at(-1)!.x, history.at(-1)?.epoch ?? 0)] : undefined}
        markerX={bestEpoch}
        markerLabel={markerLabel}
        xLabel="epoch"
        yLabel="loss"
        exportName={figure('loss')}
      />
      <LineChart
        title="Accuracy"
        yDomain={[0, 1]}
        series={trainAndValidation((p) => p.trainAccuracy, (p) => p.valAccuracy)}
        markerX={bestEpoch}
        markerLabel={markerLabel}
        xLabel="epoch"
        yLabel="accuracy"
        exportName={figure('accuracy')}
      />
      <LineChart
        title="Gradient L2 norm per layer (log scale)"
        logY
        series={layers.map((layer, i) => ({ name: layer, colour: PALETTE[i % PALETTE.length], points: pts((p) => p.gradNorms[layer]) }))}
        xLabel="epoch"
        yLabel="L2 norm"
        exportName={figure('gradients')}
      />
      {warning && <p role="alert" className="warning">{warning}</p>}
    </div>
  );
}
