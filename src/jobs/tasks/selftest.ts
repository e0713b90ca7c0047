/**
 * The 'selftest' job: counts to `count`, one progress event per step, optionally running a matmul on an engine, so
 * tests and `kielo` can check that workers start, report, cancel (with a checkpoint file) and return errors.
 */
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineName } from '../../engine';
import { CancelledError, InputFileError } from '../../util/errors';
import type { JobContext } from '../types';

/** Parameters of the selftest job. */
export interface SelftestParams {
  /** Steps to count. */
  count: number;
  /** Pause per step in ms. Default 0. */
  delayMs?: number;
  /** Throw an InputFileError at this step (to test error crossing). */
  failAt?: number;
  /** On cancel, write the last step done here before ending (a stand-in checkpoint). */
  checkpointFile?: string;
  /** Keep counting when cancelled (to test runJob's grace-period termination). */
  ignoreCancel?: boolean;
  /** Run a 2x2 matmul on this engine and report it. */
  engine?: EngineName;
  /** Decode this audio file in the worker and report its frames (to test audio warnings crossing threads). */
  decode?: string;
}

/** One selftest progress event. */
export interface SelftestEvent {
  type: 'progress';
  step: number;
  total: number;
}

/** The selftest result. */
export interface SelftestResult {
  counted: number;
  engine: string | null;
  /** [[1,2],[3,4]] squared, flattened: [7, 10, 15, 22]. */
  matmul: number[] | null;
  /** Frames of the file `decode` named, or null. */
  decodedFrames: number | null;
  threadId: number;
}

/** Counts with progress events; honours cancellation between steps. */
export async function run(params: SelftestParams, ctx: JobContext<SelftestEvent>): Promise<SelftestResult> {
  const { threadId } = await import('node:worker_threads');
  let matmul: number[] | null = null;
  let engine: string | null = null;
  if (params.engine) {
    const { initEngine, tf } = await import('../../engine'); // only when asked: TensorFlow.js takes a while to load
    engine = (await initEngine(params.engine)).name;
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const product = tf.matMul(a, a);
    matmul = Array.from(await product.data());
    tf.dispose([a, product]);
  }
  let decodedFrames: number | null = null;
  if (params.decode) {
    const { decodeFile } = await import('../../audio');
    decodedFrames = (await decodeFile(params.decode)).channels[0].length;
  }
  for (let step = 1; step <= params.count; step++) {
    if (ctx.signal.aborted && !params.ignoreCancel) {
      if (params.checkpointFile) await writeFile(params.checkpointFile, JSON.stringify({ step: step - 1 }));
      throw new CancelledError(`selftest cancelled after ${step - 1} steps`);
    }
    if (step === params.failAt) throw new InputFileError(`step-${step}.wav`, 'selftest failure on purpose');
    if (params.delayMs) await sleep(params.delayMs);
    ctx.onEvent({ type: 'progress', step, total: params.count });
  }
  return { counted: params.count, engine, matmul, decodedFrames, threadId };
}
