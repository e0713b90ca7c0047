/** A tiny typed event hub for job events: subscribe returns its unsubscribe (wavesurfer.js style). */
import type { JobEvent } from './contract';

/** Fans job events out to every subscriber (Electron windows, browser sockets, tests). */
export class JobEventHub {
  private readonly listeners = new Set<(event: JobEvent) => void>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers an event to every listener; one failing listener does not stop the others. */
  emit(event: JobEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // a closed socket or window must not break the job
      }
    }
  }
}
