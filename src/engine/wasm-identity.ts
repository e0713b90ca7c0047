/**
 * tf.clone on the wasm engine without copying. tfjs clones every tensor it saves for a gradient (tf.customGrad's
 * save, kernels' saved inputs), and the wasm backend's Identity kernel copies the data each time (measured in the
 * LID training step: ~0.5 ms of copies per step, the [1536, 400] frames among them). tfjs data is immutable (no
 * kernel writes into its inputs; Variable.assign swaps data, never overwrites it), so a clone can share the data
 * with a reference count, as the backend's own Reshape does and the cpu backend's Identity does.
 */
import * as tf from '@tensorflow/tfjs';

interface RefCountingBackend {
  incRef(dataId: object): void;
}

/** Replaces the wasm backend's Identity with a sharing one (strings keep the backend's own). Once; initEngine calls it. */
export function registerWasmIdentity(): void {
  const own = tf.getKernel('Identity', 'wasm');
  if (!own) return;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    ...own,
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      if (x.dtype === 'string') return own.kernelFunc(args);
      (args.backend as unknown as RefCountingBackend).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}
