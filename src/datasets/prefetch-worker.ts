/**
 * The worker thread of BatchPrefetcher: opens the PCM cache again and runs clipBatches for each requested stream,
 * at most `ahead` batches ahead of the consumer, sending each batch's buffers (transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeRng } from '../util/random';
import { messageOf } from '../util/errors';
import { PcmCache } from './cache';
import { clipBatches, type FeatureBatch } from './labelled-batches';
import type { PrefetchReply, PrefetchRequest, PrefetchSetup, PrefetchStream } from './prefetch-protocol';

const setup = workerData as PrefetchSetup;
const cache = PcmCache.reopen(setup.cache);
const port = parentPort!;

let current: { id: number; credit: number; wake: (() => void) | null; stopped: boolean } | null = null;

function send(reply: PrefetchReply, batch?: FeatureBatch): void {
  port.postMessage(reply, batch ? [batch.data.buffer as ArrayBuffer, batch.labels.buffer as ArrayBuffer] : []);
}

async function run(id: number, stream: PrefetchStream): Promise<void> {
  const state = { id, credit: stream.ahead, wake: null as (() => void) | null, stopped: false };
  current = state;
  try {
    const source = clipBatches({
      cache,
      indices: stream.indices,
      labelOf: (i) => setup.labels[i],
      spec: setup.spec,
      clipSamples: setup.clipSamples,
      batchSize: setup.batchSize,
      rng: stream.seed === null ? null : makeRng(stream.seed),
      augment: stream.augment,
      maxBatches: stream.maxBatches,
      cropsPerClip: stream.cropsPerClip,
    });
    for (const batch of source) {
      while (state.credit <= 0 && !state.stopped) await new Promise<void>((resolve) => (state.wake = resolve));
      if (state.stopped) return;
      state.credit--;
      send({ type: 'batch', id, batch }, batch);
      await new Promise<void>((resolve) => setImmediate(resolve)); // hear credits and stops between batches
    }
    send({ type: 'end', id });
  } catch (error) {
    send({ type: 'error', id, message: messageOf(error) });
  } finally {
    if (current === state) current = null;
  }
}

port.on('message', (request: PrefetchRequest) => {
  if (request.type === 'stream') {
    if (current) {
      current.stopped = true;
      current.wake?.();
    }
    void run(request.id, request.stream);
  } else if (current && current.id === request.id) {
    if (request.type === 'credit') current.credit++;
    else current.stopped = true;
    const wake = current.wake;
    current.wake = null;
    wake?.();
  }
});
