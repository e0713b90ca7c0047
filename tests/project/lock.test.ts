import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, acquireLock } from '../../src/project/lock';

/** When set, hard links fail as on a file system without them (the in-process tests only; racers use the real fs). */
const noHardLinks = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    link: (from: string, to: string) => (noHardLinks.on ? Promise.reject(Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' })) : real.link(from, to)),
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const RACER = join(import.meta.dirname, 'lock-racer.ts');

/** Runs `count` racers at once; resolves with each one's exit code and stdout. */
function race(count: number, rounds: number, dieEvery: number): Promise<{ code: number | null; stdout: string; stderr: string }[]> {
  const log = join(dir, 'holds.log');
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', RACER, dir, log, String(rounds), String(dieEvery)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => child.on('close', (code) => done({ code, stdout, stderr })));
    }),
  );
}

/** The holds in the log as [pid, pid] pairs; throws when two holds overlap or a hold is not closed by its holder. */
async function holdsOf(): Promise<number> {
  const lines = (await readFile(join(dir, 'holds.log'), 'utf8')).trim().split('\n');
  expect(lines.length % 2).toBe(0);
  for (let i = 0; i < lines.length; i += 2) {
    if (!lines[i].startsWith('+') || lines[i + 1] !== `-${lines[i].slice(1)}`) {
      throw new Error(`two holders at once at line ${i + 1}: ${lines.slice(i, i + 4).join(' ')}`);
    }
  }
  return lines.length / 2;
}

describe('project lock across processes', () => {
  it('six processes racing 40 rounds each: exactly one holder at a time, and every hold released', async () => {
    const results = await race(6, 40, 0);
    for (const r of results) expect(r.stderr).toBe('');
    const holds = results.map((r) => Number(r.stdout));
    const total = await holdsOf();
    expect(total).toBe(holds.reduce((a, b) => a + b, 0));
    expect(total).toBeGreaterThan(20);
    expect(total).toBeLessThan(6 * 40); // they did contend: some attempts found the lock held
    expect((await readdir(dir)).sort()).toEqual(['holds.log']);
  }, 120_000);

  it('holders that die while holding: of the processes that find the stale lock, exactly one takes it over', async () => {
    const results = await race(6, 200, 2);
    for (const r of results) expect(r.stderr).toBe('');
    const died = results.filter((r) => r.stdout === '').length;
    expect(died).toBeGreaterThanOrEqual(4);
    expect(await holdsOf()).toBeGreaterThanOrEqual(2 * died);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp') || f.includes('takeover'))).toEqual([]);
  }, 120_000);
});

describe('acquireLock', () => {
  it('refuses a lock held by a live process, naming its pid; takes over one whose process is gone', async () => {
    await writeFile(join(dir, LOCK_FILE), '1 abc\n'); // pid 1 is alive
    await expect(acquireLock(dir)).rejects.toThrow(`${dir}: the project is open in another Kielo process (pid 1)`);
    await writeFile(join(dir, LOCK_FILE), '999999999 abc\n');
    const release = await acquireLock(dir);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid} [0-9a-f]{16}\\n$`));
    await release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('respects an empty lock being written by an older Kielo, and takes it over once it is 10 s old', async () => {
    const path = join(dir, LOCK_FILE);
    await writeFile(path, '');
    await expect(acquireLock(dir)).rejects.toThrow(/open in another Kielo process$/);
    const old = new Date(Date.now() - 11_000);
    await utimes(path, old, old);
    const release = await acquireLock(dir);
    await release();
  });

  it('is re-entrant within a process: the file stays until the last release, and is not removed when no longer ours', async () => {
    const first = await acquireLock(dir);
    const second = await acquireLock(dir);
    await first();
    await first(); // a second call of the same release counts once
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
    await second();
    expect(await readdir(dir)).toEqual([]);
    const third = await acquireLock(dir);
    await writeFile(join(dir, LOCK_FILE), '1 someone\n');
    await third();
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe('1 someone\n');
  });

  it('works on a file system without hard links: created exclusively, then written', async () => {
    noHardLinks.on = true;
    try {
      const release = await acquireLock(dir);
      expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid} [0-9a-f]{16}\\n$`));
      await release();
      expect(await readdir(dir)).toEqual([]);
    } finally {
      noHardLinks.on = false;
    }
  });
});
