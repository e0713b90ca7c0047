/** WaveNet: config, mu-law, model builder. */
export * from './config';
export * from './mulaw';
export * from './build';
export * from './weights';
export * from './files';
export * from './conditioning';
