/**
 * KieloApi: the one contract between the back end and every front end (Electron preload, browser mode, tests).
 * Types only: no runtime imports, so the renderer may import this file and nothing else of src/.
 */

/** Which TensorFlow.js engine runs the models. */
export interface EngineStatus {
  name: 'node' | 'wasm' | 'cpu';
  backend: string;
  version: string;
}

/** The back end as every front end sees it. */
export interface KieloApi {
  /** The engine in use (shown to the user in the status bar). */
  engine(): Promise<EngineStatus>;
}
