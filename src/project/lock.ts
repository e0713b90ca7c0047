/**
 * A project lock: one process writes a project at a time; a lock left by a dead process is taken over.
 *
 * The lock file holds "PID NONCE" and appears complete: it is written under a private name and hard-linked into
 * place (link fails when the lock exists), so no process ever reads a half-written lock. Taking over a dead
 * holder's lock is itself claimed with a lock named after that holder's nonce, so of several processes that find
 * the same stale lock exactly one replaces it, and only while it still holds the dead holder's nonce.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../util/errors';

/** The lock file's name inside a project folder. */
export const LOCK_FILE = '.kielo.lock';

/** A lock file without a readable "PID NONCE" (one being written without hard links, or by an older Kielo) counts as stale after this long. */
const UNREADABLE_STALE_MS = 10_000;

/** Who holds a lock: `id` names this holding uniquely (the nonce, or the file's identity for an unreadable lock). */
interface Holder {
  pid: number | null;
  id: string;
  stale: boolean;
}

/** Locks this process holds, with how many times each was taken (Project.open of a folder already open here). */
const held = new Map<string, { count: number; content: string }>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Reads who holds the lock at `path`; null when there is no lock file. */
async function readHolder(path: string): Promise<Holder | null> {
  let text: string;
  let info;
  try {
    [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  const match = /^(\d+) (\w+)\n?$/.exec(text);
  if (match) {
    const pid = Number(match[1]);
    return { pid, id: match[2], stale: !alive(pid) };
  }
  const legacy = /^\d+$/.exec(text.trim()); // Kielo before the nonce wrote the pid alone
  if (legacy) return { pid: Number(legacy[0]), id: `${info.ino}-${info.mtimeMs}`, stale: !alive(Number(legacy[0])) };
  return { pid: null, id: `${info.ino}-${info.mtimeMs}`, stale: Date.now() - info.mtimeMs > UNREADABLE_STALE_MS };
}

/**
 * Creates the lock file at `path` from the complete `temp` (EEXIST when it exists). On a file system without hard
 * links it is created exclusively and then written; readers take a lock that is still empty for one being written.
 */
async function createLockFile(temp: string, path: string, content: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    if (!['EPERM', 'ENOTSUP', 'ENOSYS'].includes(errorCode(error) ?? '')) throw error;
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
  }
}

/**
 * Tries to make `path` hold `content` (this process's "PID NONCE"). True when it does; false when a live process
 * holds it or another process is taking over the same stale lock.
 */
async function claim(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await createLockFile(temp, path, content);
        return true;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const holder = await readHolder(path);
      if (holder === null) continue; // released meanwhile: try again
      if (!holder.stale) return false;
      // only the claimant of this holder's takeover may replace its lock, and only while the lock is still its
      const takeover = `${path}.takeover-${holder.id}`;
      if (!(await claim(takeover, content))) return false;
      try {
        if ((await readHolder(path))?.id !== holder.id) continue;
        await rename(temp, path);
        return true;
      } finally {
        await rm(takeover, { force: true });
      }
    }
    return false;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Takes the lock of project `dir` for this process; returns its release. Throws when another live process holds it. */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const mine = held.get(path);
  if (mine) {
    mine.count++;
    return releaseOnce(path);
  }
  const content = `${process.pid} ${randomBytes(8).toString('hex')}\n`;
  if (!(await claim(path, content))) {
    const holder = await readHolder(path).catch(() => null);
    const who = holder?.pid ? ` (pid ${holder.pid})` : '';
    throw new UsageError(`${dir}: the project is open in another Kielo process${who}`);
  }
  held.set(path, { count: 1, content });
  return releaseOnce(path);
}

/** A release that counts once however often it is called; the file goes with the last release, if it is still ours. */
function releaseOnce(path: string): () => Promise<void> {
  let released = false;
  return async () => {
    const mine = held.get(path);
    if (released || !mine) return;
    released = true;
    if (--mine.count > 0) return;
    held.delete(path);
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === mine.content) await rm(path, { force: true });
  };
}
