/** The on-disk layout of a project, its manifest format and the migrations between format versions. */
import { dirname, join, sep } from 'node:path';
import { InputFileError } from '../util/errors';

/** The current manifest format version. */
export const PROJECT_VERSION = 3;
/** The manifest's file name inside a project folder. */
export const MANIFEST = 'kielo-project.json';

/** A file of the project as stored (metadata is cached so listing needs no decoding). */
export interface StoredFile {
  id: string;
  path: string;
  name: string;
  sampleRate: number;
  channels: number;
  durationSec: number;
  format: string;
  label: string | null;
  /** Where the file came from as its user knows it: its path when referenced in place, the dropped path when copied. */
  source: string;
  /** Whether `path` is the project's own copy under imports/ (deleted with the entry), not the user's file. */
  copied: boolean;
  /** SHA-256 of the file's bytes (hex) to find a file added twice; null for files added before format 3. */
  sha256: string | null;
  /** The transcript (.txt) paired with the file; null when none. */
  transcript: string | null;
}

/** A generated sample as stored; `file` is relative to the project's generated/ folder. */
export interface StoredSample {
  id: string;
  file: string;
  model: string;
  seconds: number;
  temperature: number;
  label: string | null;
  seed: number;
  createdAt: string;
}

/** The manifest: kielo-project.json. */
export interface Manifest {
  version: number;
  name: string;
  createdAt: string;
  files: StoredFile[];
  generated: StoredSample[];
}

/** Paths inside a project folder. */
export function projectPaths(dir: string) {
  return {
    manifest: join(dir, MANIFEST),
    runs: join(dir, 'runs'),
    imports: join(dir, 'imports'),
    generated: join(dir, 'generated'),
    run: (id: string) => join(dir, 'runs', id),
  };
}

/**
 * Brings a manifest of any earlier version up to PROJECT_VERSION. Version 1 had no `generated` list and kept
 * labels under `files[].language`; version 2 had no source, copied, sha256 or transcript (a file under imports/ was
 * a copy; a .txt beside a file, its transcript, is still found there when it is transcribed).
 */
export function migrateManifest(raw: unknown, file: string): Manifest {
  if (typeof raw !== 'object' || raw === null) throw new InputFileError(file, 'not a Kielo project manifest');
  const m = { ...(raw as Record<string, unknown>) };
  const version = typeof m.version === 'number' ? m.version : 1;
  if (version > PROJECT_VERSION) {
    throw new InputFileError(file, `made by a newer Kielo (format ${version}; this one reads up to ${PROJECT_VERSION})`);
  }
  if (typeof m.name !== 'string' || !Array.isArray(m.files)) throw new InputFileError(file, 'missing name or files');
  if (version < 2) {
    m.files = (m.files as Record<string, unknown>[]).map(({ language, ...rest }) => ({ ...rest, label: rest.label ?? language ?? null }));
    m.generated = [];
  }
  if (version < 3) {
    const imports = projectPaths(dirname(file)).imports + sep;
    m.files = (m.files as Record<string, unknown>[]).map((f) => ({ ...f, source: f.path, copied: String(f.path).startsWith(imports), sha256: null, transcript: null }));
  }
  return {
    version: PROJECT_VERSION,
    name: m.name,
    createdAt: typeof m.createdAt === 'string' ? m.createdAt : new Date(0).toISOString(),
    files: m.files as StoredFile[],
    generated: (m.generated as StoredSample[]) ?? [],
  };
}
