/** A job's worker thread: imports src/jobs/tasks/<kind>.ts, runs it, and relays events, the result or the error. */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from './errors';
import type { FromWorker, JobStart, JobTaskModule, ToWorker } from './types';

const port = parentPort;
if (!port) throw new Error('src/jobs/worker.ts must run as a worker thread (see runJob)');
const { kind, params } = workerData as JobStart;
const controller = new AbortController();
const send = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') controller.abort();
});

try {
  const task = (await import(`./tasks/${kind}.ts`)) as Partial<JobTaskModule>;
  if (typeof task.run !== 'function') throw new Error(`src/jobs/tasks/${kind}.ts does not export run(params, ctx)`);
  const result = await task.run(params, { onEvent: (event) => send({ type: 'event', event }), signal: controller.signal });
  send({ type: 'result', result });
} catch (error) {
  send({ type: 'error', error: serializeError(error) });
} finally {
  port.close();
}
