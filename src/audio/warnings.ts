/**
 * The audio warning channel: a file that decoded with a caveat (an Ogg stream without its end-of-stream page, a cut
 * last frame) is read, and the caveat is sent here once per decode, naming the file. The CLI prints each on stderr;
 * a job's worker thread relays them to the thread that ran the job (src/jobs); with no listener at all they become
 * Node process warnings, which Node prints on stderr.
 */

/** One caveat about one file. */
export interface AudioWarning {
  file: string;
  message: string;
}

/** Receives audio warnings. */
export type AudioWarningListener = (warning: AudioWarning) => void;

const listeners = new Set<AudioWarningListener>();

/** Subscribes to audio warnings in this thread; returns the unsubscribe. */
export function onAudioWarning(listener: AudioWarningListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Sends a warning to every listener, or as a process warning (type 'KieloAudioWarning') when there is none. */
export function reportAudioWarning(file: string, message: string): void {
  if (listeners.size === 0) {
    process.emitWarning(`${file}: ${message}`, 'KieloAudioWarning');
    return;
  }
  for (const listener of listeners) listener({ file, message });
}
