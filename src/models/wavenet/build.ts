/**
 * buildWavenet: a WaveNet as named tf.Variables and a pure forward function. Every layer is a matmul over
 * explicitly shifted inputs (a kernel-2 dilated causal conv = [x[t-d], x[t]] @ W), so it trains on every engine
 * (wasm has no conv gradient kernels; cpu conv1d is slow).
 *
 * Parameters (R residual channels, S skip channels, C classes, L labels, per layer i):
 *   embed [C, R]                 input class -> residual stream (a 1x1 conv over the one-hot input)
 *   layer{i}/gateW [2R, 2R]      rows: R for h[t-d], R for h[t]; columns: R tanh (filter), R sigmoid (gate)
 *   layer{i}/gateB [2R]
 *   layer{i}/cond [L, 2R]        label embedding added in the gate (only when labels are given)
 *   layer{i}/mel [M, 2R]         1x1 projection of the M log-mel bands added in the gate (only for condition 'mel')
 *   layer{i}/outW [R, S+R]       columns: S skip, R residual
 *   layer{i}/outB [S+R]
 *   out1W [S, S], out1B [S], out2W [S, C], out2B [C]   relu(skip) -> relu -> logits
 */
import { tf } from '../../engine';
import { dilationsOf, receptiveFieldOf, resolveWavenetConfig, type WavenetConfig } from './config';

/** A built WaveNet: its config, its trainable variables by name, and the forward pass. */
export interface Wavenet {
  config: WavenetConfig;
  /** Dilation of every layer, in order. */
  dilations: number[];
  /** Samples of context one prediction sees. */
  receptiveField: number;
  /** Trainable variables by name (see the file header for names and shapes). */
  params: Map<string, tf.Variable>;
  /**
   * Forward pass. `inputs` int32 class indices of shape [batch, time]; `labels` int32 label indices of shape
   * [batch] (required when the model is conditioned). Returns logits of shape [batch, outputs, classes] for the
   * last `outputs` positions (default all `time`); the logits at position t predict the class at t + 1.
   * Positions before the start are zeros, exactly as the fast generator's empty queues.
   * `mel` (required exactly for condition 'mel'): float32 [batch, time, nMels], the log-mel frame of every position
   * (see ./conditioning: melConditioningRows builds it from frames, position t holding the frame of sample t + 1).
   */
  forward(inputs: tf.Tensor2D, labels?: tf.Tensor1D, outputs?: number, mel?: tf.Tensor3D): tf.Tensor3D;
  /** Frees every variable. */
  dispose(): void;
}

/** The names and shapes of every parameter of a config, in a fixed order. */
export function wavenetParamShapes(config: WavenetConfig): [name: string, shape: number[]][] {
  const { residualChannels: r, skipChannels: s, classes: c, labels } = config;
  const shapes: [string, number[]][] = [['embed', [c, r]]];
  dilationsOf(config).forEach((_, i) => {
    shapes.push([`layer${i}/gateW`, [2 * r, 2 * r]], [`layer${i}/gateB`, [2 * r]]);
    if (labels.length) shapes.push([`layer${i}/cond`, [labels.length, 2 * r]]);
    if (config.melSpec) shapes.push([`layer${i}/mel`, [config.melSpec.nMels, 2 * r]]);
    shapes.push([`layer${i}/outW`, [r, s + r]], [`layer${i}/outB`, [s + r]]);
  });
  shapes.push(['out1W', [s, s]], ['out1B', [s]], ['out2W', [s, c]], ['out2B', [c]]);
  return shapes;
}

/** Initial values: weights normal with std sqrt(1/fanIn) (residual outputs scaled down by the depth), biases 0. */
function initialValue(name: string, shape: number[], layers: number, seed: number): tf.Tensor {
  if (shape.length === 1) return tf.zeros(shape);
  const fanIn = name === 'embed' || name.endsWith('/cond') ? 1 : shape[0];
  const depthScale = name.endsWith('/outW') ? 1 / Math.sqrt(layers) : 1;
  return tf.randomNormal(shape, 0, depthScale / Math.sqrt(fanIn), 'float32', seed);
}

let modelsBuilt = 0;

/** Builds a WaveNet with fresh variables (deterministic for a seed). Options are merged over the defaults. */
export function buildWavenet(options: Partial<WavenetConfig> = {}, seed = 1): Wavenet {
  const config = resolveWavenetConfig(options);
  const dilations = dilationsOf(config);
  const params = new Map<string, tf.Variable>();
  const prefix = `wavenet${modelsBuilt++}`;
  wavenetParamShapes(config).forEach(([name, shape], k) => {
    params.set(name, tf.tidy(() => tf.variable(initialValue(name, shape, dilations.length, seed * 7919 + k), true, `${prefix}/${name}`)));
  });
  const p = (name: string) => params.get(name)!;
  const { residualChannels: r, skipChannels: s, classes: c } = config;

  const forward = (inputs: tf.Tensor2D, labels?: tf.Tensor1D, outputs?: number, mel?: tf.Tensor3D): tf.Tensor3D =>
    tf.tidy(() => {
      const [batch, time] = inputs.shape;
      const keep = outputs ?? time;
      if (keep < 1 || keep > time) throw new Error(`wavenet forward: outputs must be in 1..${time}, got ${keep}`);
      if (config.labels.length && !labels) throw new Error('wavenet forward: this model is conditioned on a label; pass labels');
      const cond = config.labels.length ? tf.oneHot(labels!, config.labels.length).toFloat() : null;
      const bands = config.melSpec?.nMels ?? 0;
      if (!bands && mel) throw new Error("wavenet forward: this model has condition 'none'; pass no log-mel frames");
      if (bands && !mel) throw new Error("wavenet forward: this model is conditioned on log-mel frames (condition 'mel'); pass mel");
      if (mel && (mel.shape[0] !== batch || mel.shape[1] !== time || mel.shape[2] !== bands)) {
        throw new Error(`wavenet forward: mel must have shape [${batch}, ${time}, ${bands}], got [${mel.shape}]`);
      }
      let h = tf.matMul(tf.oneHot(inputs.reshape([-1]), c).toFloat(), p('embed')).reshape([batch, time, r]) as tf.Tensor3D;
      // When every kept position sees a full receptive field, no padding is ever read: each layer then computes
      // only the positions later layers need ("valid" convolution, same numbers, less work for training crops).
      const valid = time - keep >= receptiveFieldOf(config) - 1;
      let skip: tf.Tensor2D | null = null;
      dilations.forEach((d, i) => {
        const length = h.shape[1];
        const outLength = valid ? length - d : length;
        const current = valid ? h.slice([0, d, 0], [batch, outLength, r]) : h;
        const past = valid
          ? h.slice([0, 0, 0], [batch, outLength, r])
          : d >= length ? tf.zerosLike(h) : tf.pad(h, [[0, 0], [d, 0], [0, 0]]).slice([0, 0, 0], [batch, length, r]);
        let z = tf.matMul(tf.concat([past, current], 2).reshape([-1, 2 * r]), p(`layer${i}/gateW`)).add(p(`layer${i}/gateB`));
        if (cond) z = z.reshape([batch, outLength, 2 * r]).add(tf.matMul(cond, p(`layer${i}/cond`)).reshape([batch, 1, 2 * r])).reshape([-1, 2 * r]);
        // this layer's positions are the last outLength of the input's
        if (mel) z = z.add(tf.matMul(mel.slice([0, time - outLength, 0], [batch, outLength, bands]).reshape([-1, bands]), p(`layer${i}/mel`)));
        const gated = tf.tanh(z.slice([0, 0], [-1, r])).mul(tf.sigmoid(z.slice([0, r], [-1, r])));
        const y = tf.matMul(gated, p(`layer${i}/outW`)).add(p(`layer${i}/outB`));
        const skipHere = y.slice([0, 0], [-1, s]).reshape([batch, outLength, s]).slice([0, outLength - keep, 0], [batch, keep, s]).reshape([-1, s]);
        skip = (skip ? skip.add(skipHere) : skipHere) as tf.Tensor2D;
        if (i < dilations.length - 1) h = current.add(y.slice([0, s], [-1, r]).reshape([batch, outLength, r]));
      });
      const hidden = tf.relu(tf.matMul(tf.relu(skip!), p('out1W')).add(p('out1B')));
      return tf.matMul(hidden, p('out2W')).add(p('out2B')).reshape([batch, keep, c]) as tf.Tensor3D;
    });

  return {
    config,
    dilations,
    receptiveField: receptiveFieldOf(config),
    params,
    forward,
    dispose: () => params.forEach((v) => v.dispose()),
  };
}
