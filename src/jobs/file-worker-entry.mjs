// The file workers' entry point (mapFiles, file-pool.ts): registers tsx inside the thread (Node 20 does not apply
// `--import tsx` from Worker execArgv before the worker's main module), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./file-worker.ts');
