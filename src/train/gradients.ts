/** Gradient statistics and constraints for the training loop: per-variable L2 norms, global-norm and value clipping. */
import { tf } from '../engine';
import type { GradientStats } from './types';
import type { ClipConfig } from './config';

/** Running sums of per-step gradient norms over one epoch (plain numbers: saved in mid-epoch checkpoints). */
export interface GradientTotals {
  steps: number;
  globalSum: number;
  globalMax: number;
  /** Sum over steps of each variable's norm, in variable order. */
  variableSums: number[];
  /** Sum over steps of each layer's norm, in layer order. */
  layerSums: number[];
}

/** The layer a variable belongs to: its name up to the last '/' (the whole name when there is none). */
export function layerOf(variableName: string): string {
  const cut = variableName.lastIndexOf('/');
  return cut > 0 ? variableName.slice(0, cut) : variableName;
}

/** Groups variable names by layer: the layer names in first-seen order and each variable's layer index. */
export function layerGroups(names: string[]): { layers: string[]; layerIndex: number[] } {
  const layers: string[] = [];
  const layerIndex = names.map((name) => {
    const layer = layerOf(name);
    let at = layers.indexOf(layer);
    if (at < 0) at = layers.push(layer) - 1;
    return at;
  });
  return { layers, layerIndex };
}

/** Empty totals for `nVariables` variables in `nLayers` layers. */
export function emptyTotals(nVariables: number, nLayers: number): GradientTotals {
  return { steps: 0, globalSum: 0, globalMax: 0, variableSums: new Array<number>(nVariables).fill(0), layerSums: new Array<number>(nLayers).fill(0) };
}

/** Adds one step's squared norms (one per variable) to `totals`; returns the step's global norm. */
export function addStep(totals: GradientTotals, squares: ArrayLike<number>, layerIndex: number[]): number {
  const layerSquares = new Array<number>(totals.layerSums.length).fill(0);
  let global = 0;
  for (let i = 0; i < layerIndex.length; i++) {
    totals.variableSums[i] += Math.sqrt(squares[i]);
    layerSquares[layerIndex[i]] += squares[i];
    global += squares[i];
  }
  layerSquares.forEach((sq, l) => (totals.layerSums[l] += Math.sqrt(sq)));
  const norm = Math.sqrt(global);
  totals.steps++;
  totals.globalSum += norm;
  totals.globalMax = Math.max(totals.globalMax, norm);
  return norm;
}

/** The epoch's mean norms, keyed by variable and layer name. */
export function gradientStats(totals: GradientTotals, names: string[], layers: string[]): GradientStats {
  const n = Math.max(totals.steps, 1);
  return {
    globalMean: totals.globalSum / n,
    globalMax: totals.globalMax,
    perVariable: Object.fromEntries(names.map((name, i) => [name, totals.variableSums[i] / n])),
    perLayer: Object.fromEntries(layers.map((name, l) => [name, totals.layerSums[l] / n])),
  };
}

/** Squared L2 norm of each gradient, as one tensor of shape [grads.length] (one read-back per step). */
export function squaredNorms(grads: tf.Tensor[]): tf.Tensor1D {
  return tf.tidy(() => tf.stack(grads.map((g) => tf.sum(tf.square(g)))) as tf.Tensor1D);
}

/**
 * Applies the gradient constraint. 'norm': every gradient times min(1, value / globalNorm), so the clipped global
 * norm is at most `value`; 'value': each element clamped to [-value, value]. Returns new tensors (or the inputs
 * themselves for 'none' or when no scaling is needed); the caller disposes both.
 */
export function clipGradients(grads: tf.Tensor[], clip: ClipConfig, globalNorm: number): tf.Tensor[] {
  if (clip.mode === 'value') return grads.map((g) => tf.clipByValue(g, -clip.value, clip.value));
  if (clip.mode === 'norm' && globalNorm > clip.value) {
    const scale = clip.value / globalNorm;
    return grads.map((g) => tf.mul(g, scale));
  }
  return grads;
}
