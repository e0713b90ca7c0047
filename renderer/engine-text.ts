/** How the studio names the worker threads beside the engine (EngineStatus.threads): '2 threads', or '' before it is known. */
import type { EngineStatus } from './contract';

/** '1 thread', 'N threads', or '' when the engine does not say. */
export function threadsText(engine: EngineStatus): string {
  if (!engine.threads) return '';
  return `${engine.threads} thread${engine.threads === 1 ? '' : 's'}`;
}
