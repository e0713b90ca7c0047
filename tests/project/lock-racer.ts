/**
 * A process racing for a project lock (run by lock.test.ts with node --import tsx): ROUNDS times it tries
 * acquireLock(DIR); while it holds the lock it appends "+PID" and "-PID" to LOG around a short pause, then releases.
 * With DIE_EVERY > 0 it exits while holding the lock on its DIE_EVERY-th hold, leaving a stale lock to take over.
 * Exit code 0; its hold count on stdout.
 */
import { appendFileSync } from 'node:fs';
import { acquireLock } from '../../src/project/lock';

const [dir, log, roundsText, dieEveryText] = process.argv.slice(2);
const rounds = Number(roundsText);
const dieEvery = Number(dieEveryText ?? 0);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let holds = 0;
for (let round = 0; round < rounds; round++) {
  let release: (() => Promise<void>) | null = null;
  try {
    release = await acquireLock(dir);
  } catch (error) {
    if (!/open in another Kielo process/.test((error as Error).message)) throw error;
  }
  if (release) {
    holds++;
    appendFileSync(log, `+${process.pid}\n`);
    await sleep(Math.random() * 3);
    appendFileSync(log, `-${process.pid}\n`);
    if (dieEvery > 0 && holds % dieEvery === 0) process.exit(0); // the lock stays behind, its holder dead
    await release();
  }
  await sleep(Math.random() * 2);
}
process.stdout.write(`${holds}\n`);
