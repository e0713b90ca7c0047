/** Messages between BatchPrefetcher (prefetch.ts) and its worker thread (prefetch-worker.ts). */
import type { FeatureSpec } from '../features';
import type { PcmCacheHandle } from './cache';
import type { AugmentConfig, FeatureBatch } from './labelled-batches';

/** What the worker is started with: the cache and what every stream shares. */
export interface PrefetchSetup {
  cache: PcmCacheHandle;
  /** Class index of every cache index. */
  labels: number[];
  spec: FeatureSpec;
  clipSamples: number;
  batchSize: number;
}

/** One pass over `indices` (ClipBatchOptions without the cache, labels and rng; `seed` makes the rng). */
export interface PrefetchStream {
  indices: number[];
  /** Shuffles, crops randomly and augments with makeRng(seed); fixed order and centred crops when null. */
  seed: number | null;
  augment?: AugmentConfig;
  maxBatches?: number;
  cropsPerClip?: number;
  /** Batches the worker may run ahead of the consumer. */
  ahead: number;
}

/** Main thread -> worker. */
export type PrefetchRequest =
  | { type: 'stream'; id: number; stream: PrefetchStream }
  /** The consumer took a batch of stream `id`: one more may be made. */
  | { type: 'credit'; id: number }
  /** Stop stream `id` (the consumer left early). */
  | { type: 'stop'; id: number };

/** Worker -> main thread. */
export type PrefetchReply =
  | { type: 'batch'; id: number; batch: FeatureBatch }
  | { type: 'end'; id: number }
  | { type: 'error'; id: number; message: string };
