/**
 * Reading float32 tensors into one flat array without the intermediate copy dataSync makes: on the wasm engine
 * straight from the backend's memory, elsewhere through dataSync. For data-parallel training (src/train/parallel),
 * which moves every gradient and weight through shared memory each step. Reads only: writing a variable's memory in
 * place would leave stale the weights XNNPACK packs once per tensor.
 */
import * as tf from '@tensorflow/tfjs';
import type { WasmBackendInternals } from './wasm-backend';

/** Copies each tensor's values (float32) into `target`, one after the other from `offset`; returns the end offset. */
export function readFloatsInto(tensors: tf.Tensor[], target: Float32Array<ArrayBufferLike>, offset = 0): number {
  const backend = tf.getBackend() === 'wasm' ? (tf.backend() as unknown as WasmBackendInternals) : null;
  for (const t of tensors) {
    if (t.dtype !== 'float32') throw new Error(`readFloatsInto: tensor ${t.id} is ${t.dtype}, not float32`);
    if (backend) {
      const start = backend.dataIdMap.get(t.dataId).memoryOffset / 4;
      target.set(backend.wasm.HEAPF32.subarray(start, start + t.size), offset);
    } else {
      target.set(t.dataSync() as Float32Array, offset);
    }
    offset += t.size;
  }
  return offset;
}
