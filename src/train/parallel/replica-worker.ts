/**
 * A worker thread of GradientPool (pool.ts): initialises the coordinator's engine, builds a model replica with the
 * registry's recipe, copies the starting weights, then per step: computes the shard's weighted loss and gradients,
 * writes the gradients into its shared slot and replies. It copies each step's published weights as soon as the
 * coordinator bumps their version (Atomics.waitAsync), or at the latest when the next shard arrives.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initEngine, tf } from '../../engine';
import { messageOf } from '../../util/errors';
import { shardGradients } from './shard-gradients';
import { replicaRecipes } from './registry';
import type { FromReplica, Replica, ReplicaSetup, ToReplica } from './types';

const setup = workerData as ReplicaSetup;
const port = parentPort!;
const send = (message: FromReplica): void => port.postMessage(message);

/** Copies `source` (concatenated, in order) into `variables` (fresh tensors: XNNPACK packs a weight once per tensor). */
function assignFlat(variables: tf.Variable[], source: Float32Array): void {
  // the cpu engine keeps the array it is given, so it gets a copy out of shared memory; wasm copies into its own memory
  const cut = tf.getBackend() === 'wasm' ? 'subarray' : 'slice';
  let offset = 0;
  for (const v of variables) {
    const values = tf.tensor(source[cut](offset, offset + v.size), v.shape, 'float32');
    v.assign(values);
    values.dispose();
    offset += v.size;
  }
}

/** Sum of sizes. */
const sizeOf = (variables: tf.Variable[]): number => variables.reduce((n, v) => n + v.size, 0);

async function start(): Promise<{ replica: Replica; params: Float32Array; gradients: Float32Array; control: Int32Array }> {
  await initEngine(setup.engine);
  const load = replicaRecipes[setup.recipe];
  if (!load) throw new Error(`no replica recipe '${setup.recipe}' (known: ${Object.keys(replicaRecipes).join(', ')})`);
  const replica = await (await load())(setup.spec, setup.replica);
  if (sizeOf(replica.weights) !== setup.initialWeights.length) {
    throw new Error(`the replica has ${sizeOf(replica.weights)} weights, the coordinator's model ${setup.initialWeights.length}`);
  }
  assignFlat(replica.weights, setup.initialWeights);
  return {
    replica,
    params: new Float32Array(setup.params),
    gradients: new Float32Array(setup.gradients),
    control: new Int32Array(setup.control),
  };
}

/** Atomics.waitAsync (ES2024; Node 16+), which the ES2023 lib does not declare. */
const waitAsync = (Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string };
}).waitAsync;

try {
  const { replica, params, gradients, control } = await start();
  let version = 0;
  /** Copies the published weights when they changed since the last copy; returns the milliseconds it took. */
  const refresh = (): number => {
    const began = performance.now();
    const published = Atomics.load(control, 0);
    if (published === version) return 0;
    assignFlat(replica.variables, params);
    version = published;
    return performance.now() - began;
  };
  /** Takes the next weights as soon as the coordinator publishes them, while it is still preparing the next step. */
  const watch = (): void => {
    const wait = waitAsync(control, 0, version);
    if (wait.async) void (wait.value as Promise<string>).then(() => refresh());
  };
  port.on('message', (message: ToReplica) => {
    try {
      const copying = refresh(); // when the early copy has not run yet
      const copied = performance.now();
      const { loss, parts, computedAt } = shardGradients(replica.loss, message.data, message.weight, message.ctx, replica.variables, gradients);
      const ms = { weights: copying, compute: computedAt - copied, gradients: performance.now() - computedAt };
      send({ type: 'done', id: message.id, loss, ...(parts ? { parts } : {}), ms });
      watch();
    } catch (error) {
      send({ type: 'failed', id: message.id, message: messageOf(error) });
    }
  });
  send({ type: 'ready', shapes: replica.variables.map((v) => v.shape), weightShapes: replica.weights.map((v) => v.shape) });
} catch (error) {
  send({ type: 'failed', id: null, message: messageOf(error) });
  port.close();
}
