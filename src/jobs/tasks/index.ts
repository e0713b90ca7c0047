/**
 * The job tasks: name -> module, as literal dynamic imports, so a worker loads only the task it runs (TensorFlow.js
 * is loaded by the tasks that need it) and a bundler can follow every task. Adding a task is one line here.
 */
export const taskModules = {
  'train-lid': () => import('./train-lid'),
  'train-asr': () => import('./train-asr'),
  'train-wavenet': () => import('./train-wavenet'),
  'train-ae': () => import('./train-ae'),
  'train-vae': () => import('./train-vae'),
  'train-gan': () => import('./train-gan'),
  'classify-batch': () => import('./classify-batch'),
  transcribe: () => import('./transcribe'),
  eval: () => import('./eval'),
  generate: () => import('./generate'),
  resynth: () => import('./resynth'),
  selftest: () => import('./selftest'),
};
