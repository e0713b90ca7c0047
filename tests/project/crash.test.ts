/**
 * A training killed with SIGKILL mid-epoch, and again in the middle of writing a checkpoint (between the flushed
 * temporary file and its rename, for the weights and for checkpoint.json), leaves a project that opens and a run
 * that resumes from its last complete checkpoint, losing at most one epoch; no file is ever half-written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project, listRuns, runPaths } from '../../src/project';
import { loadCheckpoint } from '../../src/train/checkpoint';
import { tf } from '../../src/engine';
import { PAUSED_BEFORE_RENAME, PAUSE_BEFORE_RENAME_ENV } from '../../src/util/atomic-file';
import { writeTone } from '../audio/fixtures';

const SCRIPT = join(import.meta.dirname, 'crash-train.ts');
const EPOCHS = 4;

let dir: string;
let project: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-crash-'));
  project = join(dir, 'project');
  for (const [label, freq] of [['lo', 300], ['hi', 2400]] as const) {
    await mkdir(join(dir, 'data', label), { recursive: true });
    for (let i = 0; i < 12; i++) writeTone(join(dir, 'data', label, `${i}.wav`), { rate: 16000, seconds: 1, frequencies: [freq + 40 * i], amplitude: 0.3 });
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Event {
  type: string;
  runId?: string;
  point?: { epoch: number };
  run?: { status: string; history: { epoch: number }[]; error: string | null };
}

/** crash-train.ts in its own process, its stdout events and stderr collected as they come. */
class Training {
  readonly events: Event[] = [];
  stderr = '';
  private readonly child: ChildProcess;
  private readonly closed: Promise<number | null>;

  constructor(args: string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, project, ...args], { env: { ...process.env, KIELO_HOME: join(dir, 'home'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    this.child.stdout!.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) this.events.push(JSON.parse(line) as Event);
    });
    this.child.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.closed = new Promise((done) => this.child.on('close', done));
  }

  /** Epochs reported done, in order. */
  epochs(): number[] {
    return this.events.filter((e) => e.type === 'epoch').map((e) => e.point!.epoch);
  }

  /** Polls `ready` every 10 ms until it is true; fails after 90 s or when the process ends first. */
  async until(ready: () => boolean | Promise<boolean>, what: string): Promise<void> {
    let exited = false;
    void this.closed.then(() => (exited = true));
    for (const started = Date.now(); !(await ready()); ) {
      if (exited || Date.now() - started > 90_000) throw new Error(`${what}: did not happen (exited: ${exited})\n${this.stderr}`);
      await new Promise((done) => setTimeout(done, 10));
    }
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    expect(await this.closed).toBeNull(); // it died of the signal, not by finishing
  }

  async exit(): Promise<number | null> {
    return this.closed;
  }
}

/** The epoch of the checkpoint on disk (loaded as a resume would load it); 0 when there is none. */
async function checkpointEpoch(runId: string): Promise<number> {
  const checkpoint = await loadCheckpoint(runPaths(join(project, 'runs', runId)).checkpoints);
  if (!checkpoint) return 0;
  tf.dispose([...checkpoint.variables, ...checkpoint.optimizer.map((o) => o.tensor), ...(checkpoint.best ?? [])]);
  return checkpoint.state.epoch;
}

/** Every file of the project under its real name is complete: JSON parses, JSON lines parse (a torn last line aside). */
async function expectNothingHalfWritten(folder: string): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
    const text = await readFile(path, 'utf8');
    if (entry.name.endsWith('.json')) expect(() => JSON.parse(text), path).not.toThrow();
    if (entry.name.endsWith('.jsonl')) {
      const lines = text.split('\n').slice(0, -1);
      for (const line of lines) expect(() => JSON.parse(line), path).not.toThrow();
    }
  }
}

/** Opens the project in this process, as the studio would after the crash: the dead holder's lock is taken over. */
async function reopen(runId: string): Promise<{ status: string; error: string | null }> {
  const opened = await Project.open(project);
  try {
    const run = (await listRuns(join(project, 'runs'))).find((r) => r.id === runId)!;
    return { status: run.status, error: run.error };
  } finally {
    await opened.close();
  }
}

describe('a training killed with SIGKILL', () => {
  it('mid-epoch, then while writing checkpoint weights and checkpoint.json: resumes from the last complete checkpoint', async () => {
    // 1. killed mid-epoch, once the first epoch's checkpoint is on disk
    const first = new Training(['start', join(dir, 'data'), String(EPOCHS)]);
    await first.until(() => first.events.some((e) => e.type === 'run'), 'the run starts');
    const runId = first.events.find((e) => e.type === 'run')!.runId!;
    await first.until(async () => (await checkpointEpoch(runId).catch(() => 0)) >= 1, 'the first checkpoint');
    await first.kill();
    const saved = await checkpointEpoch(runId);
    expect(saved).toBeGreaterThanOrEqual(1);
    expect(saved).toBeLessThan(EPOCHS);
    expect(Math.max(...first.epochs()) - saved).toBeLessThanOrEqual(1); // at most one finished epoch is lost
    await expectNothingHalfWritten(project);
    expect(await reopen(runId)).toEqual({ status: 'failed', error: 'interrupted (the app was closed during training)' });

    // 2. killed with the next checkpoint's weights flushed to a temporary file but not yet renamed
    const checkpoints = runPaths(join(project, 'runs', runId)).checkpoints;
    const weights = `weights-${saved + 1}-0.bin`;
    const second = new Training(['resume', runId], { [PAUSE_BEFORE_RENAME_ENV]: `^${weights.replace(/\./g, '\\.')}$` });
    await second.until(() => second.stderr.includes(`${PAUSED_BEFORE_RENAME}${join(checkpoints, weights)}`), 'the pause before renaming the weights');
    await second.kill();
    expect(await checkpointEpoch(runId)).toBe(saved);
    expect(existsSync(join(checkpoints, weights))).toBe(false);
    expect((await readdir(checkpoints)).some((f) => f.startsWith(`.${weights}.`) && f.endsWith('.tmp'))).toBe(true);
    await expectNothingHalfWritten(project);
    expect((await reopen(runId)).status).toBe('failed');

    // 3. killed with those weights in place but checkpoint.json's replacement not yet renamed
    const third = new Training(['resume', runId], { [PAUSE_BEFORE_RENAME_ENV]: '^checkpoint\\.json$' });
    await third.until(() => third.stderr.includes(`${PAUSED_BEFORE_RENAME}${join(checkpoints, 'checkpoint.json')}`), 'the pause before renaming checkpoint.json');
    await third.kill();
    expect(existsSync(join(checkpoints, weights))).toBe(true);
    expect(await checkpointEpoch(runId)).toBe(saved); // the old checkpoint.json still names its own weights
    await expectNothingHalfWritten(project);

    // 4. resumed to the end: training starts at the epoch after the checkpoint and the run completes
    const last = new Training(['resume', runId]);
    expect(await last.exit()).toBe(0);
    expect(last.epochs()).toEqual(Array.from({ length: EPOCHS - saved }, (_, i) => saved + 1 + i));
    const finished = last.events.find((e) => e.type === 'finished')!.run!;
    expect(finished.status).toBe('done');
    expect(finished.error).toBeNull();
    expect(finished.history.map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
    expect(await checkpointEpoch(runId)).toBe(EPOCHS);
    expect((await readdir(checkpoints)).sort()).toEqual(['checkpoint.json', `weights-${EPOCHS}-0.bin`]); // killed writes' debris cleared
    for (const f of ['model.json', 'weights.bin', 'kielo.json']) expect(existsSync(join(runPaths(join(project, 'runs', runId)).model, f)), f).toBe(true);
    await expectNothingHalfWritten(project);
  }, 300_000);
});
