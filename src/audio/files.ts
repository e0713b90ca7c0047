/**
 * Finding audio files: expanding paths and directories, and reading labelled sets laid out as DIR/<label>/**.
 * Symbolic links are followed (to files and to folders; a link back to a folder being walked is skipped), and every
 * entry not taken is counted by reason, so "no audio here" can say what was there instead.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { InputFileError } from '../util/errors';
import { fsReason } from './read-bytes';

/** File extensions (lower case, no dot) taken as audio when walking a directory. */
export const AUDIO_EXTENSIONS: readonly string[] = ['wav', 'flac', 'mp3', 'ogg', 'oga', 'opus', 'webm', 'weba', 'aif', 'aiff', 'aifc', 'gsm'];

/** The extension of a path, lower case without the dot ('' when there is none). */
export function extensionOf(path: string): string {
  return /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
}

/** True when the path's extension names an audio format we read. */
export function hasAudioExtension(path: string): boolean {
  return AUDIO_EXTENSIONS.includes(extensionOf(path));
}

/** What a directory walk saw: entries by outcome (folders walked are entries, not skipped ones). */
export interface ListingTally {
  /** Every entry met below the walked folders: files, folders, links, hidden ones. */
  entries: number;
  /** Folders walked into (through links too). */
  folders: number;
  /** Audio files found. */
  audio: number;
  /** Files skipped for their extension, by extension ('' for none). */
  notAudio: Map<string, number>;
  /** Names starting with '.'. */
  hidden: number;
  /** Links whose target does not exist. */
  brokenLinks: number;
  /** Links to a folder that is being walked already (a loop). */
  loops: number;
  /** Entries that could not be read (permissions, other file-system errors), and sockets, devices and pipes. */
  unreadable: number;
}

/** An empty tally. */
export function emptyTally(): ListingTally {
  return { entries: 0, folders: 0, audio: 0, notAudio: new Map(), hidden: 0, brokenLinks: 0, loops: 0, unreadable: 0 };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The tally in words, e.g. "12 entries (2 folders): 0 audio files, 3 skipped: 2 not audio (.txt), 1 broken link";
 * `extra` adds reasons of the caller's own (audio files it did not take, and why).
 */
export function describeTally(tally: ListingTally, extra: { count: number; reason: string }[] = []): string {
  const notAudio = [...tally.notAudio.values()].reduce((a, b) => a + b, 0);
  const extensions = [...tally.notAudio.keys()].sort().map((e) => (e ? `.${e}` : 'no extension'));
  const reasons = [
    notAudio && `${notAudio} not audio (${extensions.slice(0, 5).join(', ')}${extensions.length > 5 ? ', ...' : ''})`,
    tally.hidden && `${tally.hidden} hidden`,
    tally.brokenLinks && plural(tally.brokenLinks, 'broken link'),
    tally.loops && `${plural(tally.loops, 'link')} to a folder above it (a loop)`,
    tally.unreadable && `${tally.unreadable} unreadable`,
    ...extra.map((e) => e.count && `${e.count} ${e.reason}`),
  ].filter((r): r is string => Boolean(r));
  const skipped = notAudio + tally.hidden + tally.brokenLinks + tally.loops + tally.unreadable + extra.reduce((a, e) => a + e.count, 0);
  const folders = tally.folders ? ` (${plural(tally.folders, 'folder')})` : '';
  const head = `${plural(tally.entries, 'entry', 'entries')}${folders}: ${plural(tally.audio, 'audio file')}`;
  return reasons.length ? `${head}, ${skipped} skipped: ${reasons.join(', ')}` : head;
}

/** The entry's own type after following a link, or why it cannot be used. */
async function resolveEntry(path: string): Promise<'file' | 'directory' | 'broken' | 'unreadable'> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'unreadable';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'broken' : 'unreadable';
  }
}

/** Walks `dir` (whose real path is last in `ancestors`), adding audio files to `found` and counting every entry. */
async function walk(dir: string, ancestors: string[], found: string[], tally: ListingTally): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    tally.entries++;
    if (entry.name.startsWith('.')) {
      tally.hidden++;
      continue;
    }
    const path = join(dir, entry.name);
    const kind = entry.isSymbolicLink() ? await resolveEntry(path) : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'unreadable';
    if (kind === 'directory') {
      let real: string;
      try {
        real = await realpath(path);
      } catch {
        tally.unreadable++;
        continue;
      }
      if (ancestors.includes(real)) {
        tally.loops++;
        continue;
      }
      tally.folders++;
      try {
        await walk(path, [...ancestors, real], found, tally);
      } catch {
        tally.unreadable++;
      }
    } else if (kind === 'file') {
      if (hasAudioExtension(entry.name)) {
        tally.audio++;
        found.push(path);
      } else {
        const extension = extensionOf(entry.name);
        tally.notAudio.set(extension, (tally.notAudio.get(extension) ?? 0) + 1);
      }
    } else if (kind === 'broken') tally.brokenLinks++;
    else tally.unreadable++;
  }
}

/**
 * Expands paths into audio files, sorted and without duplicates: a directory contributes every audio file below
 * it (extensions in AUDIO_EXTENSIONS, any case; hidden entries skipped; links followed, loops skipped); a file given
 * by name is kept whatever its extension (decoding judges it). A path that does not exist throws InputFileError.
 * `tally`, when given, counts what the walk saw (see describeTally).
 */
export async function listAudioFiles(paths: string[], tally: ListingTally = emptyTally()): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      throw new InputFileError(path, fsReason(error));
    }
    if (isDirectory) {
      try {
        await walk(path, [await realpath(path)], found, tally);
      } catch (error) {
        throw new InputFileError(path, fsReason(error));
      }
    } else found.push(path);
  }
  return [...new Set(found)].sort();
}

/** One file of a classification set and its label (the name of its top folder under the set's root). */
export interface LabelledFile {
  file: string;
  label: string;
}

/**
 * Lists a classification set laid out as DIR/<label>/**: every audio file below a label folder (label folders and
 * files may be symbolic links), sorted by path. Files directly in DIR carry no label and are ignored. Throws
 * InputFileError when DIR is missing or holds no labelled audio, saying what it holds instead.
 */
export async function listLabelledFiles(dir: string): Promise<LabelledFile[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (error) {
    throw new InputFileError(dir, fsReason(error));
  }
  if (!isDirectory) throw new InputFileError(dir, 'not a directory (a data set is DIR/<label>/*.wav)');
  const tally = emptyTally();
  const files = await listAudioFiles([dir], tally);
  const labelled = files
    .map((file) => ({ file, parts: relative(dir, file).split(sep) }))
    .filter(({ parts }) => parts.length >= 2)
    .map(({ file, parts }) => ({ file, label: parts[0] }));
  if (labelled.length === 0) {
    const loose = [{ count: files.length, reason: 'directly in DIR (audio outside a label folder)' }];
    throw new InputFileError(dir, `no labelled audio files (expected DIR/<label>/*.{${AUDIO_EXTENSIONS.join(',')}}); ${describeTally(tally, loose)}`);
  }
  return labelled;
}
