/** A job's worker thread: loads its task from src/jobs/tasks/index.ts, runs it, and relays events, the result or the error. */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from './errors';
import { onAudioWarning } from '../audio/warnings';
import { taskModules } from './tasks';
import type { FromWorker, JobStart, JobTaskModule, ToWorker } from './types';

const port = parentPort;
if (!port) throw new Error('src/jobs/worker.ts must run as a worker thread (see runJob)');
const { task, params } = workerData as JobStart;
const controller = new AbortController();
const send = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') controller.abort();
});

// audio warnings raised in this thread go to the caller's thread, whose listeners (the CLI) print them
onAudioWarning((warning) => send({ type: 'audio-warning', warning }));

try {
  const module = (await taskModules[task]()) as JobTaskModule;
  const result = await module.run(params, { onEvent: (event) => send({ type: 'event', event }), signal: controller.signal });
  send({ type: 'result', result });
} catch (error) {
  send({ type: 'error', error: serializeError(error) });
} finally {
  port.close();
}
