/** An open project: its manifest (files, generated samples), its lock, and serialised atomic saves. */
import { mkdir, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { UsageError } from '../util/errors';
import { type Manifest, type StoredFile, type StoredSample, MANIFEST, MANIFEST_FORMAT, PROJECT_VERSION, projectPaths } from './layout';
import { readStoredJson, writeStoredJson } from './stored-json';
import { deleteImported } from './imports';
import { acquireLock } from './lock';
import { markInterruptedRuns } from './runs';

/** What a project says about itself. */
export interface ProjectSummary {
  dir: string;
  name: string;
  version: number;
  createdAt: string;
}

/** Opening a folder that holds no project: says so, and how to make one there. */
export class NotAProjectError extends UsageError {
  constructor(readonly dir: string) {
    super(`${dir}: not a Kielo project (it has no ${MANIFEST}); create a project in this folder to use it (its files stay where they are)`);
    this.name = 'NotAProjectError';
  }
}

/** Whether `dir` holds a project manifest. */
async function isProject(dir: string): Promise<boolean> {
  return stat(projectPaths(dir).manifest).then(() => true, () => false);
}

/** A project folder opened for reading and writing by this process. */
export class Project {
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private manifest: Manifest,
    private readonly release: () => Promise<void>,
  ) {}

  /**
   * Creates a project in `dir` and opens it. The folder may be new, empty, or a plain folder of the user's (its files
   * stay as they are); a folder that already holds a project is refused.
   */
  static async create(dir: string, name: string): Promise<Project> {
    const abs = resolve(dir);
    const paths = projectPaths(abs);
    const info = await stat(abs).catch(() => null);
    if (info && !info.isDirectory()) throw new UsageError(`${abs}: is a file, not a folder`);
    if (await isProject(abs)) throw new UsageError(`${abs}: already a Kielo project; open it instead`);
    await mkdir(paths.runs, { recursive: true });
    const manifest: Manifest = { version: PROJECT_VERSION, name: name.trim() || basename(abs), createdAt: new Date().toISOString(), files: [], generated: [] };
    await writeStoredJson(paths.manifest, manifest);
    return new Project(abs, manifest, await acquireLock(abs));
  }

  /**
   * Opens an existing project, migrating and checking its manifest (a damaged one is an InputFileError naming the file,
   * the reason and its last good copy); runs left 'running' by a dead process become 'failed'.
   */
  static async open(dir: string): Promise<Project> {
    const abs = resolve(dir);
    const info = await stat(abs).catch(() => null);
    if (!info?.isDirectory()) throw new UsageError(`${abs}: no such project folder`);
    if (!(await isProject(abs))) throw new NotAProjectError(abs);
    const paths = projectPaths(abs);
    const release = await acquireLock(abs);
    try {
      const { value: manifest, migratedFrom } = await readStoredJson(paths.manifest, MANIFEST_FORMAT);
      if (migratedFrom !== null) await writeStoredJson(paths.manifest, manifest); // the old version stays as the .bak
      await mkdir(paths.runs, { recursive: true });
      await markInterruptedRuns(paths.runs);
      return new Project(abs, manifest, release);
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** Name, folder, format version and creation time. */
  summary(): ProjectSummary {
    return { dir: this.dir, name: this.manifest.name, version: this.manifest.version, createdAt: this.manifest.createdAt };
  }

  /** The project's files, in the order they were added. */
  files(): StoredFile[] {
    return this.manifest.files.map((f) => ({ ...f }));
  }

  /** One file by id; UsageError when unknown. */
  file(id: string): StoredFile {
    const found = this.manifest.files.find((f) => f.id === id);
    if (!found) throw new UsageError(`no file with id '${id}' in this project`);
    return { ...found };
  }

  /** Adds a file (or returns the existing entry for the same path). */
  async addFile(meta: Omit<StoredFile, 'id'>): Promise<StoredFile> {
    const existing = this.manifest.files.find((f) => f.path === meta.path);
    if (existing) return { ...existing };
    const entry: StoredFile = { id: randomUUID().slice(0, 8), ...meta };
    this.manifest.files.push(entry);
    await this.save();
    return { ...entry };
  }

  /** The file whose bytes have this SHA-256, if the project has one. */
  fileWithHash(sha256: string): StoredFile | null {
    const found = this.manifest.files.find((f) => f.sha256 === sha256);
    return found ? { ...found } : null;
  }

  /**
   * Removes a file from the project. The user's own file stays on disk; the project's copy of a dropped file (and of
   * its transcript) is deleted, with the folders under imports/ it leaves empty.
   */
  async removeFile(id: string): Promise<StoredFile> {
    const entry = this.file(id);
    this.manifest.files = this.manifest.files.filter((f) => f.id !== id);
    await this.save();
    await deleteImported(this.dir, [entry.copied ? entry.path : null, entry.transcript]);
    return entry;
  }

  /** Records a file's content hash or paired transcript. */
  async updateFile(id: string, patch: Partial<Pick<StoredFile, 'sha256' | 'transcript'>>): Promise<StoredFile> {
    const entry = this.manifest.files.find((f) => f.id === id);
    if (!entry) throw new UsageError(`no file with id '${id}' in this project`);
    Object.assign(entry, patch);
    await this.save();
    return { ...entry };
  }

  /** Sets or clears a file's label. */
  async setLabel(id: string, label: string | null): Promise<StoredFile> {
    const entry = this.manifest.files.find((f) => f.id === id);
    if (!entry) throw new UsageError(`no file with id '${id}' in this project`);
    entry.label = label?.trim() ? label.trim() : null;
    await this.save();
    return { ...entry };
  }

  /** Generated samples, newest first. */
  samples(): StoredSample[] {
    return [...this.manifest.generated].reverse();
  }

  /** Records a generated sample. */
  async addSample(sample: StoredSample): Promise<void> {
    this.manifest.generated.push(sample);
    await this.save();
  }

  /** Writes the manifest (saves are serialised, each atomic, the manifest each replaces kept as kielo-project.json.bak). */
  save(): Promise<void> {
    const snapshot = structuredClone(this.manifest);
    this.saving = this.saving.catch(() => {}).then(() => writeStoredJson(projectPaths(this.dir).manifest, snapshot));
    return this.saving;
  }

  /** Finishes pending saves and releases the lock. */
  async close(): Promise<void> {
    await this.saving.catch(() => {});
    await this.release();
  }
}
