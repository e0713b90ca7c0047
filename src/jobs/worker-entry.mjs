// A job worker's entry point. It registers tsx inside the thread, then loads the TypeScript worker: Node 20 does not
// apply `--import tsx` from Worker execArgv before the worker's main module, so the registration happens here.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
