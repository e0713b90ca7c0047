/**
 * A project's JSON files (the manifest, run records, the recent list): each carries a format version, older versions
 * are migrated on load, the result is checked against a schema, and each save keeps the file it replaces as NAME.bak,
 * the last good copy a damaged or badly hand-edited file can be restored from.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, rename, rm } from 'node:fs/promises';
import * as v from 'valibot';
import { writeJsonAtomic } from '../util/atomic-file';
import { InputFileError } from '../util/errors';
import { readJsonFile } from '../util/json-file';

/** One kind of stored JSON file: what it is called in messages, its current version, migrations and schema. */
export interface StoredFormat<T> {
  /** What the file is, for messages ('project manifest', 'run record'). */
  what: string;
  /** The version this Kielo writes. */
  version: number;
  /** The version of a file without one (e.g. 0, or 1 where version 1 had no field). */
  unversioned: number;
  /** Brings an object of an older version up to `version`; `file` is its path (for errors and relative paths). */
  migrate(raw: Record<string, unknown>, fromVersion: number, file: string): Record<string, unknown>;
  /** The file's shape at `version`. */
  schema: v.GenericSchema<unknown, T>;
}

/** What readStoredJson read: the value, and the version it was migrated from (null when already current). */
export interface StoredRead<T> {
  value: T;
  migratedFrom: number | null;
}

/** The last good copy kept beside `path`. */
export function backupPath(path: string): string {
  return `${path}.bak`;
}

/** 'files[2].sampleRate' for a valibot issue path. */
function whereOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).reduce((text, item) => (typeof item.key === 'number' ? `${text}[${item.key}]` : `${text}${text ? '.' : ''}${String(item.key)}`), '');
}

/** Migrates and checks a parsed file; InputFileError naming the file and the field on any problem. */
export function parseStored<T>(raw: unknown, path: string, format: StoredFormat<T>): StoredRead<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputFileError(path, `not a Kielo ${format.what}`);
  const fields = raw as Record<string, unknown>;
  const version = fields.version === undefined ? format.unversioned : fields.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw new InputFileError(path, `version: expected a whole number, got ${JSON.stringify(version)}`);
  if (version > format.version) throw new InputFileError(path, `made by a newer Kielo (format ${version}; this one reads up to ${format.version})`);
  const current = version < format.version ? { ...format.migrate({ ...fields }, version, path), version: format.version } : fields;
  const result = v.safeParse(format.schema, current);
  if (!result.success) {
    const issue = result.issues[0];
    const where = whereOf(issue);
    throw new InputFileError(path, `not a valid ${format.what}: ${where ? `${where}: ` : ''}${issue.message}`);
  }
  return { value: result.output, migratedFrom: version < format.version ? version : null };
}

/**
 * Reads, migrates and checks a stored file. A damaged or invalid file is an InputFileError naming the file and the
 * reason, and, when there is one, where its last good copy is; a missing one reads as `missing` (a message).
 */
export async function readStoredJson<T>(path: string, format: StoredFormat<T>, missing?: string): Promise<StoredRead<T>> {
  try {
    return parseStored(await readJsonFile(path, { missing }), path, format);
  } catch (error) {
    if (!(error instanceof InputFileError) || error.reason === (missing ?? 'not found')) throw error;
    const backup = await readJsonFile(backupPath(path)).then((raw) => parseStored(raw, path, format), () => null);
    if (!backup) throw error;
    throw new InputFileError(path, `${error.reason}; the last good copy is ${backupPath(path)} (copy it over the file to go back to it)`);
  }
}

/**
 * Saves `value` atomically, first keeping the file it replaces as NAME.bak (a hard link to it, so no copy is made and
 * the last good copy appears whole). `keepBackup: false` skips that (a file just found damaged is not a good copy).
 */
export async function writeStoredJson(path: string, value: unknown, { keepBackup = true } = {}): Promise<void> {
  if (keepBackup) {
    const temp = `${backupPath(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const linked = await link(path, temp).then(
      () => true,
      async (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false; // nothing saved yet
        await copyFile(path, temp); // a file system without hard links
        return true;
      },
    );
    if (linked) {
      try {
        await rename(temp, backupPath(path));
      } finally {
        await rm(temp, { force: true }); // renaming a link onto another link of the same file does nothing
      }
    }
  }
  await writeJsonAtomic(path, value);
}
