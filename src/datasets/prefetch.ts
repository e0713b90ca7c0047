/**
 * BatchPrefetcher: clipBatches run in a worker thread, a few batches ahead of the consumer, so reading, speed
 * perturbation, noise and feature extraction overlap the training step on the main thread (a second core). One
 * worker per prefetcher (started once per training run, not per epoch); one stream at a time. Streams are seeded
 * (a seed per pass), so a seed still repeats a run exactly.
 */
import { Worker } from 'node:worker_threads';
import type { FeatureSpec } from '../features';
import type { PcmCache } from './cache';
import type { AugmentConfig, FeatureBatch } from './labelled-batches';
import type { PrefetchReply, PrefetchRequest, PrefetchSetup, PrefetchStream } from './prefetch-protocol';

/** Set in the package's bundles (scripts/build-bundles.mjs): the bundled prefetch-worker.ts, relative to this file. */
declare const KIELO_PREFETCH_WORKER: string | undefined;
/** The bundled worker, or under tsx prefetch-worker-entry.mjs (registers tsx in the thread, imports prefetch-worker.ts). */
const workerUrl = new URL(typeof KIELO_PREFETCH_WORKER === 'string' ? KIELO_PREFETCH_WORKER : './prefetch-worker-entry.mjs', import.meta.url);

/** What every stream of a prefetcher shares. */
export interface PrefetcherOptions {
  cache: PcmCache;
  /** Class index of every cache index. */
  labels: number[];
  spec: FeatureSpec;
  clipSamples: number;
  batchSize: number;
}

/** One pass: as ClipBatchOptions, with a seed instead of an rng (null: fixed order, centred crops, no augmentation). */
export interface PrefetchPass {
  indices: number[];
  seed: number | null;
  augment?: AugmentConfig;
  maxBatches?: number;
  cropsPerClip?: number;
  /** Batches made ahead of the consumer. Default 3. */
  ahead?: number;
}

export class BatchPrefetcher {
  private readonly worker: Worker;
  private nextId = 0;
  private failure: Error | null = null;
  /** Set by close(), so the worker's exit is not taken for a failure. */
  private closing = false;
  private readonly listeners = new Set<(reply: PrefetchReply) => void>();

  constructor(options: PrefetcherOptions) {
    const setup: PrefetchSetup = {
      cache: options.cache.handle(),
      labels: options.labels,
      spec: options.spec,
      clipSamples: options.clipSamples,
      batchSize: options.batchSize,
    };
    this.worker = new Worker(workerUrl, { workerData: setup });
    this.worker.on('message', (reply: PrefetchReply) => {
      for (const listener of this.listeners) listener(reply);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`its worker thread exited (code ${code})`));
    });
  }

  /** A dead worker: the pass in progress and every later one fail with the reason. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const listener of this.listeners) listener({ type: 'error', id: -1, message: error.message });
  }

  /** The batches of one pass, in order; leaving the loop early stops the worker's pass. */
  async *batches(pass: PrefetchPass): AsyncGenerator<FeatureBatch> {
    if (this.failure) throw new Error(`batch prefetcher: ${this.failure.message}`);
    const id = this.nextId++;
    const queue: PrefetchReply[] = [];
    let wake: (() => void) | null = null;
    const listener = (reply: PrefetchReply) => {
      if (reply.id !== id && reply.id !== -1) return;
      queue.push(reply);
      wake?.();
      wake = null;
    };
    this.listeners.add(listener);
    const { ahead = 3, ...rest } = pass;
    const stream: PrefetchStream = { ...rest, ahead: Math.max(1, ahead) };
    this.post({ type: 'stream', id, stream });
    let ended = false;
    try {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const reply = queue.shift()!;
        if (reply.type === 'end') {
          ended = true;
          return;
        }
        if (reply.type === 'error') {
          ended = true;
          throw new Error(`batch prefetcher: ${reply.message}`);
        }
        this.post({ type: 'credit', id });
        yield reply.batch;
      }
    } finally {
      this.listeners.delete(listener);
      if (!ended) this.post({ type: 'stop', id });
    }
  }

  /** Stops the worker thread. */
  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private post(request: PrefetchRequest): void {
    this.worker.postMessage(request);
  }
}
