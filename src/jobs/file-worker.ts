/**
 * A worker thread of mapFiles (file-pool.ts): opens its work (engine, model) once, says 'ready', then handles one
 * file per message and sends its result or the reason it failed. Audio warnings go to the calling thread.
 * KIELO_TEST_FILE_WORKER_EXIT_ON (tests only): given a file whose name ends with this, the thread exits with code 70,
 * as a crashed worker would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { onAudioWarning } from '../audio/warnings';
import { serializeError } from './errors';
import { fileWorkModules } from './file-work';
import type { FileProcessor } from './file-work/types';
import type { FileWorkerStart, FromFileWorker, ToFileWorker } from './file-worker-protocol';

const port = parentPort;
if (!port) throw new Error('src/jobs/file-worker.ts must run as a worker thread (see mapFiles)');
const { work, setup } = workerData as FileWorkerStart;
const send = (message: FromFileWorker): void => port.postMessage(message);
const exitOn = process.env.KIELO_TEST_FILE_WORKER_EXIT_ON;

onAudioWarning((warning) => send({ type: 'audio-warning', warning }));

let processor: FileProcessor<unknown> | null = null;
try {
  processor = await (await fileWorkModules[work]()).open(setup as never);
} catch (error) {
  send({ type: 'open-failed', error: serializeError(error) });
}
if (processor) {
  const opened = processor;
  port.on('message', async ({ index, file }: ToFileWorker) => {
    if (exitOn && file.endsWith(exitOn)) process.exit(70);
    try {
      send({ type: 'result', index, value: await opened.process(file) });
    } catch (error) {
      send({ type: 'failed', index, error: serializeError(error) });
    }
  });
  send({ type: 'ready' });
}
