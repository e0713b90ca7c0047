/**
 * GradientPool: the coordinator's side of data-parallel training. It starts N-1 worker threads (replica-worker.ts),
 * each with its own engine and a replica of the model; the coordinator's thread is replica 0. Per step the shards go
 * out as messages, every replica computes its shard's weighted loss and gradients (the workers into their own
 * SharedArrayBuffer slot), and the coordinator sums them in replica order, so the sum depends on the shard layout and
 * not on which thread finished first. The coordinator alone applies the update and owns the optimizer; publish()
 * copies the new weights into a shared buffer that each worker copies into its variables before its next step.
 * A worker that throws, fails to start or exits fails the step in progress and every later one, naming the worker.
 */
import { Worker } from 'node:worker_threads';
import { readFloatsInto, tf } from '../../engine';
import { shardGradients } from './shard-gradients';
import { deriveSeed } from '../seed';
import type { StepContext } from '../types';
import type { FromReplica, ParallelPlan, ReplicaSetup, ReplicaTimes, Shard, ToReplica } from './types';

/** Milliseconds summed over the steps since the pool started (or resetTimes), by part: where a step's time goes. */
export interface PoolTimes {
  steps: number;
  /** The coordinator's own shard: forward, backward and reading its gradients out. */
  own: number;
  /** Waiting for the workers after its own shard. */
  wait: number;
  /** Summing the workers' gradients into the coordinator's. */
  reduce: number;
  /** Norms, the constraint and the optimizer's update on the summed gradients (parallelTrainStep). */
  update: number;
  /** Copying the updated weights into the shared buffer (publish). */
  publish: number;
  /** The workers' parts, summed over workers. */
  workers: ReplicaTimes;
}

const emptyTimes = (): PoolTimes => ({ steps: 0, own: 0, wait: 0, reduce: 0, update: 0, publish: 0, workers: { weights: 0, compute: 0, gradients: 0 } });

/** Set in the package's bundles (scripts/build-bundles.mjs): the bundled replica-worker.ts, relative to this file. */
declare const KIELO_REPLICA_WORKER: string | undefined;
/** The bundled worker, or under tsx replica-worker-entry.mjs (registers tsx in the thread, imports replica-worker.ts). */
const workerUrl = new URL(typeof KIELO_REPLICA_WORKER === 'string' ? KIELO_REPLICA_WORKER : './replica-worker-entry.mjs', import.meta.url);

/** What a pool is started with. */
export interface PoolOptions<B> {
  /** Replicas, the coordinator's included; >= 2. */
  threads: number;
  engine: 'wasm' | 'cpu';
  plan: ParallelPlan<B>;
  /** The coordinator's trainable variables (the task's, in order). */
  variables: tf.Variable[];
}

/** A step's summed result. */
export interface PooledGradients {
  /** Sum over shards of (shard examples / batch examples) x the shard's loss: the batch's mean loss. */
  loss: number;
  /** Sum of the replicas' weighted gradients, the variables concatenated in order (a fresh array per step). */
  gradients: Float32Array;
  /** Shards this step was cut into (fewer than the threads for a batch smaller than them). */
  shards: number;
  /** The loss's parts, summed as the loss is (when it has them). */
  parts?: Record<string, number>;
}

/** A worker's answer to a step. */
type Reply = Extract<FromReplica, { type: 'done' }>;

/** One worker: its thread, its gradient slot, and the step it is working on. */
interface Member {
  replica: number;
  worker: Worker;
  slot: Float32Array;
  pending: { id: number; resolve: (reply: Reply) => void; reject: (error: Error) => void } | null;
}

/** Total elements of `variables`. */
const sizeOf = (variables: tf.Variable[]): number => variables.reduce((n, v) => n + v.size, 0);

/** target += source, elementwise in float32 (a function of its own: V8 optimises its loop once, for every step). */
function addInto(target: Float32Array, source: Float32Array): void {
  for (let i = 0; i < target.length; i++) target[i] += source[i];
}

/** The values of `variables`, concatenated in order, written into `target` (a fresh array without one). */
function readFlat(variables: tf.Variable[], target: Float32Array<ArrayBufferLike> = new Float32Array(sizeOf(variables))): Float32Array<ArrayBufferLike> {
  readFloatsInto(variables, target);
  return target;
}

/** How a replica's shapes differ from the coordinator's `ours` ('variables' or 'weights'), or null when they agree. */
function shapeMismatch(what: string, ours: tf.Variable[], theirs: number[][]): string | null {
  if (theirs.length !== ours.length) return `its replica has ${theirs.length} ${what}, the model ${ours.length}`;
  const i = ours.findIndex((v, k) => !tf.util.arraysEqual(v.shape, theirs[k]));
  return i < 0 ? null : `its replica's ${what} ${i} is [${theirs[i]}], the model's ('${ours[i].name}') [${ours[i].shape}]`;
}

export class GradientPool<B = unknown> {
  readonly threads: number;
  readonly plan: ParallelPlan<B>;
  private readonly variables: tf.Variable[];
  private readonly members: Member[];
  private readonly params: Float32Array;
  private readonly control: Int32Array;
  private readonly nParams: number;
  private failure: Error | null = null;
  private closing = false;
  private nextId = 0;
  private version = 0;
  /** Where the steps' time went (see PoolTimes). */
  times: PoolTimes = emptyTimes();

  private constructor(options: PoolOptions<B>) {
    const { threads, plan, variables, engine } = options;
    this.threads = threads;
    this.plan = plan;
    this.variables = variables;
    this.nParams = sizeOf(variables);
    const paramsBuffer = new SharedArrayBuffer(this.nParams * 4);
    const controlBuffer = new SharedArrayBuffer(4);
    this.params = new Float32Array(paramsBuffer);
    this.control = new Int32Array(controlBuffer);
    const initialWeights = readFlat(plan.weights?.() ?? variables);
    this.members = Array.from({ length: threads - 1 }, (_, i) => {
      const gradients = new SharedArrayBuffer(this.nParams * 4);
      const setup: ReplicaSetup = {
        replica: i + 1, engine, recipe: plan.recipe, spec: plan.spec, initialWeights, params: paramsBuffer, gradients, control: controlBuffer,
      };
      const member: Member = { replica: i + 1, worker: new Worker(workerUrl, { workerData: setup }), slot: new Float32Array(gradients), pending: null };
      member.worker.on('error', (error) => this.fail(member, error.message));
      member.worker.on('exit', (code) => {
        if (!this.closing) this.fail(member, `its thread exited (code ${code})`);
      });
      member.worker.on('messageerror', (error) => this.fail(member, `a message could not be read: ${error.message}`));
      return member;
    });
  }

  /** Starts `threads - 1` workers and resolves once every replica is built and holds the coordinator's weights. */
  static async start<B>(options: PoolOptions<B>): Promise<GradientPool<B>> {
    if (!(Number.isInteger(options.threads) && options.threads >= 2)) throw new RangeError(`a gradient pool needs >= 2 threads, got ${options.threads}`);
    const pool = new GradientPool(options);
    try {
      const weights = options.plan.weights?.() ?? options.variables;
      await Promise.all(pool.members.map((member) => new Promise<void>((resolve, reject) => {
        member.pending = { id: -1, resolve: () => resolve(), reject };
        member.worker.once('message', (message: FromReplica) => {
          member.pending = null;
          if (message.type === 'failed') return reject(pool.fail(member, message.message));
          if (message.type !== 'ready') return reject(pool.fail(member, `sent '${message.type}' before it was ready`));
          const mismatch = shapeMismatch('variables', options.variables, message.shapes) ?? shapeMismatch('weights', weights, message.weightShapes);
          if (mismatch) return reject(pool.fail(member, mismatch));
          member.worker.on('message', (m: FromReplica) => pool.receive(member, m));
          resolve();
        });
      })));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Marks the pool failed because of `member` (the first failure wins); rejects its pending step; returns the error. */
  private fail(member: Member, reason: string): Error {
    this.failure ??= new Error(`training thread ${member.replica} of ${this.threads} failed: ${reason}`);
    for (const m of this.members) {
      const pending = m.pending;
      m.pending = null;
      pending?.reject(this.failure);
    }
    return this.failure;
  }

  private receive(member: Member, message: FromReplica): void {
    const pending = member.pending;
    if (message.type === 'failed') {
      this.fail(member, message.message);
      return;
    }
    if (message.type !== 'done' || !pending || pending.id !== message.id) {
      this.fail(member, `sent an unexpected '${message.type}' message`);
      return;
    }
    member.pending = null;
    pending.resolve(message);
  }

  /** Sends one shard to `member`; resolves with its weighted loss once its gradients are in its slot. */
  private send(member: Member, shard: Shard, weight: number, ctx: StepContext): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      member.pending = { id, resolve, reject };
      member.worker.postMessage({ type: 'step', id, data: shard.data, weight, ctx } satisfies ToReplica, shard.transfer ?? []);
    });
  }

  /**
   * Loss and gradients of a batch cut into `shards` (at most `threads`): shard i goes to replica i, with the step's
   * seed mixed with i (so each shard draws its own dropout mask), and its loss weighted by its share of the examples.
   */
  async gradients(shards: Shard[], ctx: StepContext): Promise<PooledGradients> {
    if (this.failure) throw this.failure;
    if (shards.length < 1 || shards.length > this.threads) throw new RangeError(`a step needs 1..${this.threads} shards, got ${shards.length}`);
    const examples = shards.reduce((n, s) => n + s.examples, 0);
    const contextOf = (i: number): StepContext => ({ ...ctx, seed: deriveSeed(ctx.seed, i) });
    const replies = shards.slice(1).map((shard, i) => this.send(this.members[i], shard, shard.examples / examples, contextOf(i + 1)));
    // a rejected reply is awaited below; until then it must not count as unhandled
    for (const reply of replies) reply.catch(() => undefined);
    const started = performance.now();
    const gradients = new Float32Array(this.nParams);
    let own: ReturnType<typeof shardGradients>;
    let ownDone = 0;
    try {
      own = shardGradients(this.plan.loss, shards[0].data, shards[0].examples / examples, contextOf(0), this.variables, gradients);
      ownDone = performance.now();
    } finally {
      // the workers' replies are settled before this step returns or throws, so none is left pending
      await Promise.allSettled(replies);
    }
    const results = await Promise.all(replies);
    const received = performance.now();
    let loss = own.loss;
    const parts = own.parts;
    for (let r = 0; r < results.length; r++) {
      loss += results[r].loss;
      if (parts) for (const name of Object.keys(parts)) parts[name] += results[r].parts?.[name] ?? NaN;
      addInto(gradients, this.members[r].slot);
      for (const key of ['weights', 'compute', 'gradients'] as const) this.times.workers[key] += results[r].ms[key];
    }
    const t = this.times;
    t.steps++;
    t.own += ownDone - started;
    t.wait += received - ownDone;
    t.reduce += performance.now() - received;
    return { loss, gradients, shards: shards.length, ...(parts ? { parts } : {}) };
  }

  /** Copies the coordinator's variables into the shared weights; each worker takes them before its next step. */
  publish(): void {
    const started = performance.now();
    readFlat(this.variables, this.params);
    Atomics.store(this.control, 0, ++this.version);
    this.times.publish += performance.now() - started;
  }

  /** Starts the time accounting afresh (e.g. after warm-up steps). */
  resetTimes(): void {
    this.times = emptyTimes();
  }

  /** Stops the workers (a step in progress fails). */
  async close(): Promise<void> {
    this.closing = true;
    for (const m of this.members) {
      const pending = m.pending;
      m.pending = null;
      pending?.reject(new Error('the gradient pool was closed'));
    }
    await Promise.all(this.members.map((m) => m.worker.terminate()));
  }
}
