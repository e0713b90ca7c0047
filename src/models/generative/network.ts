/**
 * The networks of the generative models as named tf.Variables and pure forward functions. Every layer is dense (a
 * matmul), so every model trains on every engine: the wasm backend has no Conv2DBackpropFilter, and Kielo's matmul
 * kernels make dense layers its fast path. A patch is one row of frames x nMels numbers.
 *
 * Parameters, D = frames x nMels, k = code, hidden h1..hn (data side first):
 *   ae   enc{i}/w, enc{i}/b   D -> h1 -> ... -> hn -> k          dec{i}/w, dec{i}/b   k -> hn -> ... -> h1 -> D
 *   vae  enc{i}: D -> ... -> 2k (mean, log-variance)            dec{i}: k -> ... -> D, plus dec/logScale [D]
 *   gan  dis{i}: D -> ... -> 1 (logit)                          gen{i}: k -> ... -> D
 */
import { tf } from '../../engine';
import { matMul2d } from '../layers';
import { validateGenerativeConfig, type GenerativeConfig } from './config';
import { patchSize } from './patches';

/** A built generative network: config, variables by short name, and disposal. */
export interface GenerativeNet {
  config: GenerativeConfig;
  /** Trainable variables by name (see the file header). */
  params: Map<string, tf.Variable>;
  dispose(): void;
}

/** The two stacks of a kind: [data-side stack, code-side stack]. */
export function stacksOf(kind: GenerativeConfig['kind']): [dataSide: string, codeSide: string] {
  return kind === 'gan' ? ['dis', 'gen'] : ['enc', 'dec'];
}

/** Layer widths of the data-side stack (input first) and of the code-side stack. */
function widths(config: GenerativeConfig): [number[], number[]] {
  const d = patchSize(config.patch, config.nMels);
  const out = config.kind === 'vae' ? 2 * config.code : config.kind === 'gan' ? 1 : config.code;
  return [[d, ...config.hidden, out], [config.code, ...[...config.hidden].reverse(), d]];
}

/** Names and shapes of every parameter, in a fixed order. */
export function generativeParamShapes(config: GenerativeConfig): [name: string, shape: number[]][] {
  const shapes: [string, number[]][] = [];
  const [dataSide, codeSide] = stacksOf(config.kind);
  const [a, b] = widths(config);
  for (const [prefix, sizes] of [[dataSide, a], [codeSide, b]] as const) {
    for (let i = 0; i + 1 < sizes.length; i++) shapes.push([`${prefix}${i}/w`, [sizes[i], sizes[i + 1]]], [`${prefix}${i}/b`, [sizes[i + 1]]]);
  }
  if (config.kind === 'vae') shapes.push(['dec/logScale', [patchSize(config.patch, config.nMels)]]);
  return shapes;
}

let netsBuilt = 0;

/** Builds a network with fresh variables (He-normal hidden weights, LeCun-normal last layers, zero biases; deterministic for a seed). */
export function buildGenerative(config: GenerativeConfig, seed = 1): GenerativeNet {
  validateGenerativeConfig(config);
  const prefix = `${config.kind}${netsBuilt++}`;
  const shapes = generativeParamShapes(config);
  const lastOf = new Map<string, number>();
  for (const [name] of shapes) {
    const m = /^(\w+?)(\d+)\/w$/.exec(name);
    if (m) lastOf.set(m[1], Math.max(lastOf.get(m[1]) ?? 0, Number(m[2])));
  }
  const params = new Map<string, tf.Variable>();
  shapes.forEach(([name, shape], k) => {
    const m = /^(\w+?)(\d+)\/w$/.exec(name);
    const init = () => {
      if (!m) return tf.zeros(shape);
      const gain = Number(m[2]) === lastOf.get(m[1]) ? 1 : 2;
      return tf.randomNormal(shape, 0, Math.sqrt(gain / shape[0]), 'float32', seed * 7919 + k);
    };
    params.set(name, tf.tidy(() => tf.variable(init(), true, `${prefix}/${name}`)));
  });
  return { config, params, dispose: () => params.forEach((v) => v.dispose()) };
}

/** Hidden-layer nonlinearities of the stacks: ReLU, and leaky ReLU (slope 0.2) in the GAN's discriminator as DCGAN has it. */
export type Hidden = 'relu' | 'leakyRelu';

/** Identity forward, zero gradient: holds a tensor constant inside a loss (tfjs has no stop_gradient). */
export const stopGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
}) as (x: tf.Tensor) => tf.Tensor;

/**
 * The stack `prefix` of `net` on x [batch, in] -> [batch, out]: dense layers with `hidden` between them and none
 * after the last. `frozen` holds the stack's weights constant (gradients flow to x only).
 */
export function runStack(net: GenerativeNet, prefix: string, x: tf.Tensor2D, hidden: Hidden, frozen = false): tf.Tensor2D {
  let h = x;
  for (let i = 0; net.params.has(`${prefix}${i}/w`); i++) {
    if (i > 0) h = hidden === 'relu' ? tf.relu(h) : tf.leakyRelu(h, 0.2);
    let w: tf.Tensor = net.params.get(`${prefix}${i}/w`)!;
    let b: tf.Tensor = net.params.get(`${prefix}${i}/b`)!;
    if (frozen) [w, b] = [stopGradient(w), stopGradient(b)];
    h = tf.add(matMul2d(h, w as tf.Tensor2D), b);
  }
  return h;
}

/** Reads every variable into Float32Arrays, in parameter order (what the model files hold). */
export async function readNetWeights(net: GenerativeNet): Promise<{ name: string; shape: number[]; values: Float32Array }[]> {
  const out = [];
  for (const [name, shape] of generativeParamShapes(net.config)) out.push({ name, shape, values: (await net.params.get(name)!.data()) as Float32Array });
  return out;
}
