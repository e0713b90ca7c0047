/** Finding audio files: expanding paths and directories, and reading labelled sets laid out as DIR/<label>/**. */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { InputFileError } from '../util/errors';
import { fsReason } from './read-bytes';

/** File extensions (lower case, no dot) taken as audio when walking a directory. */
export const AUDIO_EXTENSIONS: readonly string[] = ['wav', 'flac', 'mp3', 'ogg'];

/** The extension of a path, lower case without the dot ('' when there is none). */
export function extensionOf(path: string): string {
  return /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
}

/** True when the path's extension names an audio format we read. */
export function hasAudioExtension(path: string): boolean {
  return AUDIO_EXTENSIONS.includes(extensionOf(path));
}

async function walk(dir: string, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, found);
    else if ((entry.isFile() || entry.isSymbolicLink()) && hasAudioExtension(entry.name)) found.push(path);
  }
}

/**
 * Expands paths into audio files, sorted and without duplicates: a directory contributes every .wav/.flac/.mp3/.ogg
 * below it (hidden entries skipped); a file given by name is kept whatever its extension (decoding judges it).
 * A path that does not exist throws InputFileError.
 */
export async function listAudioFiles(paths: string[]): Promise<string[]> {
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
        await walk(path, found);
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
 * Lists a classification set laid out as DIR/<label>/**: every audio file below a label folder, sorted by path.
 * Files directly in DIR carry no label and are ignored. Throws InputFileError when DIR is missing or holds no
 * labelled audio.
 */
export async function listLabelledFiles(dir: string): Promise<LabelledFile[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (error) {
    throw new InputFileError(dir, fsReason(error));
  }
  if (!isDirectory) throw new InputFileError(dir, 'not a directory (a data set is DIR/<label>/*.wav)');
  const files = await listAudioFiles([dir]);
  const labelled = files
    .map((file) => ({ file, parts: relative(dir, file).split(sep) }))
    .filter(({ parts }) => parts.length >= 2)
    .map(({ file, parts }) => ({ file, label: parts[0] }));
  if (labelled.length === 0) throw new InputFileError(dir, 'no labelled audio files (expected DIR/<label>/*.{wav,flac,mp3,ogg})');
  return labelled;
}
