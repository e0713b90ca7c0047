/** The audio view thread (see audio-view-thread.ts): answers waveform, spectrogram and audio calls from decoded files it keeps. */
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../jobs/errors';
import { AudioCache, computeWaveform, toAudioData } from './audio-view';
import { computeSpectrogram } from './spectrogram-view';
import type { AudioViewMessage, AudioViewReply } from './audio-view-thread';

const port = parentPort;
if (!port) throw new Error('src/api/audio-view-worker.ts must run as a worker thread (see AudioViewThread)');
const cache = new AudioCache();

async function answer(message: AudioViewMessage): Promise<unknown> {
  switch (message.call) {
    case 'waveform':
      return computeWaveform(await cache.get(message.path, message.request.view), message.request);
    case 'spectrogram':
      return computeSpectrogram(await cache.get(message.path, message.request.view), message.request, message.request.view);
    case 'audio':
      return toAudioData(await cache.get(message.path, message.view));
  }
}

port.on('message', (message: AudioViewMessage) => {
  answer(message).then(
    (value) => port.postMessage({ id: message.id, value } satisfies AudioViewReply),
    (error: unknown) => port.postMessage({ id: message.id, error: serializeError(error) } satisfies AudioViewReply),
  );
});
