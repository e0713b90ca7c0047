/**
 * The per-file work mapFiles can spread over threads: name -> module, as literal dynamic imports (a worker loads
 * only the work it runs; a bundler follows each). Their setup and result types are read off each module's open().
 */
export const fileWorkModules = {
  classify: () => import('./classify'),
  transcribe: () => import('./transcribe'),
  selftest: () => import('./selftest'),
};

/** The per-file work by name. */
export type FileWorkName = keyof typeof fileWorkModules;

type OpenOf<K extends FileWorkName> = Awaited<ReturnType<(typeof fileWorkModules)[K]>>['open'];

/** What a work's open() takes (the same in every thread). */
export type FileWorkSetup<K extends FileWorkName> = Parameters<OpenOf<K>>[0];
/** One file's result of a work. */
export type FileWorkResult<K extends FileWorkName> = Awaited<ReturnType<Awaited<ReturnType<OpenOf<K>>>['process']>>;
