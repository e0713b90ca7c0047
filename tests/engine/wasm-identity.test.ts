import { describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../src/engine';

describe('tf.clone on the wasm engine', () => {
  it('shares the data (no copy) and keeps it until the last holder is disposed', async () => {
    await initEngine('wasm');
    const dataIds = () => tf.engine().backend.numDataIds();
    const x = tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 8]]);
    const before = dataIds();
    const copy = tf.clone(x);
    expect(dataIds()).toBe(before); // a copy would be one more buffer in the backend's heap
    x.dispose();
    expect(dataIds()).toBe(before);
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    copy.dispose();
    expect(dataIds()).toBe(before - 1);
  });

  it('still copies strings through the backend kernel', async () => {
    await initEngine('wasm');
    const s = tf.tensor1d(['a', 'b'], 'string');
    const copy = tf.clone(s);
    s.dispose();
    expect(copy.dataSync()).toEqual(['a', 'b']);
    copy.dispose();
  });
});
