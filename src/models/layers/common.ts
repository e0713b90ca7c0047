/** Pieces every Kielo custom layer shares: the activation choice and its application. */
import { tf } from '../../engine';

/** Hidden-layer nonlinearities the user may choose (the lecture's three). */
export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
/** One hidden-layer nonlinearity. */
export type Activation = (typeof ACTIVATIONS)[number];

/** Applies `activation` elementwise. */
export function applyActivation(x: tf.Tensor, activation: Activation): tf.Tensor {
  if (activation === 'relu') return tf.relu(x);
  if (activation === 'tanh') return tf.tanh(x);
  return tf.sigmoid(x);
}

/** Throws unless `value` names an activation; returns it typed. */
export function parseActivation(value: unknown): Activation {
  if ((ACTIVATIONS as readonly unknown[]).includes(value)) return value as Activation;
  throw new Error(`unknown activation '${String(value)}': expected one of ${ACTIVATIONS.join(', ')}`);
}

/**
 * A seeded variance-scaling initialiser: variance = initScale * gain / fanIn, with gain 2 for ReLU (He) and 1
 * otherwise (LeCun). `initScale` is the lecture's "weight initialisation scale" knob (1 = the standard choice).
 */
export function hiddenInitializer(activation: Activation, initScale: number, seed?: number): ReturnType<typeof tf.initializers.varianceScaling> {
  return tf.initializers.varianceScaling({
    scale: initScale * (activation === 'relu' ? 2 : 1),
    mode: 'fanIn',
    distribution: 'uniform',
    seed,
  });
}

/** The constructor arguments of every tfjs layer (name, trainable, inputShape...). */
export type BaseLayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
