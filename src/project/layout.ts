/** The on-disk layout of a project, its manifest format and the migrations between format versions. */
import { dirname, join, sep } from 'node:path';
import * as v from 'valibot';
import { parseStored, type StoredFormat } from './stored-json';

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

/** A name inside one folder: no separators, not '.' or '..' (a stored name cannot lead out of its folder). */
const plainName = v.pipe(v.string(), v.regex(/^(?!\.\.?$)[^/\\\0]+$/, 'expected a plain file name'));
const count = (min: number) => v.pipe(v.number(), v.integer(), v.minValue(min));
const finite = v.pipe(v.number(), v.finite());

/** A stored file entry (unknown fields are kept, for a newer Kielo's additions). */
const StoredFileSchema = v.looseObject({
  id: v.pipe(v.string(), v.nonEmpty()),
  path: v.pipe(v.string(), v.nonEmpty()),
  name: v.string(),
  sampleRate: count(1),
  channels: count(1),
  durationSec: v.pipe(finite, v.minValue(0)),
  format: v.string(),
  label: v.nullable(v.string()),
  source: v.string(),
  copied: v.boolean(),
  sha256: v.nullable(v.string()),
  transcript: v.nullable(v.string()),
});

/** A stored generated sample; its file is a plain name inside generated/. */
const StoredSampleSchema = v.looseObject({
  id: v.pipe(v.string(), v.nonEmpty()),
  file: plainName,
  model: v.string(),
  seconds: finite,
  temperature: finite,
  label: v.nullable(v.string()),
  seed: v.number(),
  createdAt: v.string(),
});

/** The manifest at PROJECT_VERSION. */
const ManifestSchema = v.looseObject({
  version: v.literal(PROJECT_VERSION),
  name: v.string(),
  createdAt: v.string(),
  files: v.array(StoredFileSchema),
  generated: v.array(StoredSampleSchema),
});

/**
 * The manifest's format. An unversioned manifest is version 1, which had no `generated` list and kept labels under
 * `files[].language`; version 2 had no source, copied, sha256 or transcript (a file under imports/ was a copy; a .txt
 * beside a file, its transcript, is still found there when it is transcribed).
 */
export const MANIFEST_FORMAT: StoredFormat<Manifest> = {
  what: 'project manifest',
  version: PROJECT_VERSION,
  unversioned: 1,
  schema: ManifestSchema,
  migrate(m, version, file) {
    if (!Array.isArray(m.files)) return m; // the schema says what is wrong
    if (version < 2) {
      m.files = (m.files as Record<string, unknown>[]).map(({ language, ...rest }) => ({ ...rest, label: rest.label ?? language ?? null }));
      m.generated = [];
    }
    if (version < 3) {
      const imports = projectPaths(dirname(file)).imports + sep;
      m.files = (m.files as Record<string, unknown>[]).map((f) => ({ ...f, source: f.path, copied: String(f.path).startsWith(imports), sha256: null, transcript: null }));
    }
    m.createdAt ??= new Date(0).toISOString();
    return m;
  },
};

/** Brings a parsed manifest of any earlier version up to PROJECT_VERSION and checks it (InputFileError naming `file`). */
export function migrateManifest(raw: unknown, file: string): Manifest {
  return parseStored(raw, file, MANIFEST_FORMAT).value;
}
