/** Training runs on disk: runs/<id>/ with run.json (settings, status, metrics), history.jsonl, log.txt, model/. */
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { InputFileError, UsageError } from '../util/errors';
import { writeJsonAtomic } from '../util/atomic-file';
import { readJsonFile as readJson } from '../util/json-file';
import { readStoredJson, writeStoredJson, type StoredFormat } from './stored-json';

/** The run.json format version this Kielo writes. */
export const RUN_VERSION = 1;

/** A run's record (run.json). `settings` is the training configuration as the front end sent it. */
export interface RunRecord {
  /** Format version (RUN_VERSION); run.json files written before it had none (version 0). */
  version: number;
  id: string;
  kind: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  createdAt: string;
  settings: Record<string, unknown>;
  metrics: Record<string, number>;
  engine: string | null;
  bestEpoch: number | null;
  /** Whether early stopping ended the run (absent in runs recorded before it was kept: false). */
  stoppedEarly?: boolean;
  error: string | null;
}

/** Paths inside one run folder. */
export function runPaths(runDir: string) {
  return {
    record: join(runDir, 'run.json'),
    history: join(runDir, 'history.jsonl'),
    log: join(runDir, 'log.txt'),
    model: join(runDir, 'model'),
    checkpoints: join(runDir, 'checkpoints'),
    /** The loss within epochs (one JSON line per progress report). */
    trace: join(runDir, 'trace.jsonl'),
    /** The latest evaluation of the run's model per test folder, with its per-file outcomes. */
    evaluations: join(runDir, 'evaluations.json'),
  };
}

function newRunId(kind: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${kind}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates runs/<id>/ with a 'running' record. */
export async function createRun(runsDir: string, kind: string, settings: Record<string, unknown>): Promise<RunRecord> {
  const record: RunRecord = { version: RUN_VERSION, id: newRunId(kind), kind, status: 'running', createdAt: new Date().toISOString(), settings, metrics: {}, engine: null, bestEpoch: null, error: null };
  await mkdir(join(runsDir, record.id), { recursive: true });
  await writeStoredJson(runPaths(join(runsDir, record.id)).record, record);
  return record;
}

/** run.json at RUN_VERSION (unknown fields are kept, for a newer Kielo's additions). */
const RunRecordSchema = v.looseObject({
  version: v.literal(RUN_VERSION),
  id: v.string(),
  kind: v.string(),
  status: v.picklist(['running', 'done', 'cancelled', 'failed']),
  createdAt: v.string(),
  settings: v.record(v.string(), v.unknown()),
  metrics: v.record(v.string(), v.number()),
  engine: v.nullable(v.string()),
  bestEpoch: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  stoppedEarly: v.optional(v.boolean()),
  error: v.nullable(v.string()),
});

/** The run record's format: version 0 (no version field) could lack metrics, engine, bestEpoch and error. */
export const RUN_FORMAT: StoredFormat<RunRecord> = {
  what: 'run record',
  version: RUN_VERSION,
  unversioned: 0,
  schema: RunRecordSchema,
  migrate: (r) => ({ ...r, metrics: r.metrics ?? {}, engine: r.engine ?? null, bestEpoch: r.bestEpoch ?? null, error: r.error ?? null }),
};

/**
 * Reads run.json of runs/<id>, migrated and checked; UsageError when the run does not exist, InputFileError naming
 * the file, the reason and its last good copy when it is damaged.
 */
export async function readRun(runsDir: string, id: string): Promise<RunRecord> {
  if (!/^(?!\.+$)[\w.-]+$/.test(id)) throw new UsageError(`bad run id '${id}'`);
  try {
    return (await readStoredJson(runPaths(join(runsDir, id)).record, RUN_FORMAT)).value;
  } catch (error) {
    if (error instanceof InputFileError && error.reason === 'not found') throw new UsageError(`no run '${id}' in this project`);
    throw error;
  }
}

/** Merges `patch` into run.json (atomic; the record it replaces stays as run.json.bak). */
export async function updateRun(runsDir: string, id: string, patch: Partial<RunRecord>): Promise<RunRecord> {
  const record = { ...(await readRun(runsDir, id)), ...patch };
  await writeStoredJson(runPaths(join(runsDir, id)).record, record);
  return record;
}

/** Appends one history entry (one JSON line); a torn last line is skipped by readHistory. */
export async function appendHistory(runsDir: string, id: string, entry: unknown): Promise<void> {
  await appendFile(runPaths(join(runsDir, id)).history, `${JSON.stringify(entry)}\n`);
}

/** Appends one point of the loss trace within epochs (one JSON line). */
export async function appendTrace(runsDir: string, id: string, point: unknown): Promise<void> {
  await appendFile(runPaths(join(runsDir, id)).trace, `${JSON.stringify(point)}\n`);
}

/** The run's loss trace in order ([] for runs recorded before traces were kept); a line torn by a crash is skipped. */
export async function readTrace(runsDir: string, id: string): Promise<unknown[]> {
  return (await readLines(runPaths(join(runsDir, id)).trace)).flatMap((line) => {
    try {
      return [JSON.parse(line) as unknown];
    } catch {
      return [];
    }
  });
}

/** The run's stored evaluations by test folder ({} when none or unreadable). */
export async function readRunEvaluations(runsDir: string, id: string): Promise<Record<string, unknown>> {
  const stored = await readJson(runPaths(join(runsDir, id)).evaluations).catch(() => null);
  return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
}

/** Keeps `evaluation` as the run's latest on test folder `dataset`, beside those of other folders (atomic). */
export async function writeRunEvaluation(runsDir: string, id: string, dataset: string, evaluation: unknown): Promise<void> {
  const stored = await readRunEvaluations(runsDir, id);
  await writeJsonAtomic(runPaths(join(runsDir, id)).evaluations, { ...stored, [dataset]: evaluation });
}

/** Appends a line to the run's log. */
export async function appendLog(runsDir: string, id: string, line: string): Promise<void> {
  await appendFile(runPaths(join(runsDir, id)).log, `${new Date().toISOString()} ${line}\n`);
}

async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.length > 0);
}

/**
 * The run's history entries in order. A resumed run repeats the epochs after its checkpoint, so an entry for an epoch
 * at or before the last one kept replaces the entries from that epoch on (a crash after an epoch's entry but before its
 * checkpoint leaves that epoch to be trained again).
 */
export async function readHistory(runsDir: string, id: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const line of await readLines(runPaths(join(runsDir, id)).history)) {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // a line torn by a crash mid-append
    }
    const epoch = epochOf(entry);
    if (epoch !== null) {
      const from = out.findIndex((e) => (epochOf(e) ?? -Infinity) >= epoch);
      if (from >= 0) out.length = from;
    }
    out.push(entry);
  }
  return out;
}

function epochOf(entry: unknown): number | null {
  const epoch = (entry as { epoch?: unknown } | null)?.epoch;
  return typeof epoch === 'number' ? epoch : null;
}

/** The run's log lines. */
export function readLog(runsDir: string, id: string): Promise<string[]> {
  return readLines(runPaths(join(runsDir, id)).log);
}

/** All runs, newest first; folders without a readable run.json are skipped. */
export async function listRuns(runsDir: string): Promise<RunRecord[]> {
  const names = await readdir(runsDir).catch(() => [] as string[]);
  const records = await Promise.all(names.map((name) => readRun(runsDir, name).catch(() => null)));
  return records.filter((r): r is RunRecord => r !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Marks runs still 'running' (their process died) as failed, so they can be resumed. */
export async function markInterruptedRuns(runsDir: string): Promise<void> {
  for (const run of await listRuns(runsDir)) {
    if (run.status === 'running') await updateRun(runsDir, run.id, { status: 'failed', error: 'interrupted (the app was closed during training)' });
  }
}
