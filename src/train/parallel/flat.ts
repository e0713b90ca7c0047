/** Gradients to one flat float32 array, as the replicas hand them over (shared memory, variable order). */
import { readFloatsInto, type tf } from '../../engine';

/** Each variable's gradient in `grads` (zeros where it has none) into `target`, concatenated in variable order. */
export function readGradients(variables: tf.Variable[], grads: tf.NamedTensorMap, target: Float32Array<ArrayBufferLike>): void {
  let offset = 0;
  for (const v of variables) {
    const g = grads[v.name];
    if (g) readFloatsInto([g], target, offset);
    else target.fill(0, offset, offset + v.size);
    offset += v.size;
  }
}
