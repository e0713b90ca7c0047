/** A project lock: one process writes a project at a time; a lock left by a dead process is taken over. */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../util/errors';

/** The lock file's name inside a project folder. */
export const LOCK_FILE = '.kielo.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of project `dir` for this process; returns its release. Throws when another live process holds it. */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (pid === process.pid) return async () => {};
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new UsageError(`${dir}: the project is open in another Kielo process (pid ${pid})`);
      }
      await rm(path, { force: true });
    }
  }
  throw new UsageError(`${dir}: could not take the project lock`);
}
