/**
 * Adding audio to a project. Files added by path (the desktop app, the CLI) are referenced in place; files dropped in
 * browser mode arrive as bytes and are copied into imports/ under their own names and folders. Either way the entry
 * keeps where the file came from (source), its label folder, and its content hash: a file already in the project is
 * reported as a duplicate, not added again. A .txt beside (or dropped with) its audio is paired as its transcript.
 * Nothing rejected leaves a copy behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { listAudioFiles, probeFile } from '../audio';
import { deleteImported, importPath, safeRelativePath, type Project } from '../project';
import { messageOf } from '../util/errors';
import type { AddFilesResult, UploadedFile } from './contract';

/** A folder name that reads as a language or class label (en, fi, pt-BR...). */
const LABEL_FOLDER = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;
/** Largest upload accepted, in bytes. */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** The label a file's folder gives it (the folder name when it reads as a label), else null. */
export function folderLabel(path: string): string | null {
  const folder = basename(dirname(path.replace(/\\/g, '/')));
  return LABEL_FOLDER.test(folder) ? folder : null;
}

/** Whether a path names a transcript (.txt). */
function isText(path: string): boolean {
  return extname(path).toLowerCase() === '.txt';
}

/** Hex SHA-256 of bytes. */
function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A path without its extension ("data/fi/a.wav" -> "data/fi/a"), the key pairing a transcript with its audio. */
function stemOf(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(0, p.length - extname(p).length);
}

/** Why a transcript found no audio to pair with. */
function unpairedReason(path: string): string {
  return `a transcript needs its audio: no audio file named ${basename(stemOf(path))}.wav/.flac/.mp3/.ogg/.gsm in this drop or in the project to pair it with`;
}

function emptyResult(): AddFilesResult {
  return { added: [], problems: [], duplicates: [], transcripts: [] };
}

/** Hashes the entries added before format 3 (null sha256), so they are found as duplicates too; unreadable ones stay null. */
async function hashOldEntries(project: Project): Promise<void> {
  for (const f of project.files().filter((e) => e.sha256 === null)) {
    const bytes = await readFile(f.path).catch(() => null);
    if (bytes) await project.updateFile(f.id, { sha256: sha256(bytes) });
  }
}

/** Reports `file` as a duplicate when the project holds the same bytes; true when it does. */
function isDuplicate(project: Project, file: string, hash: string, result: AddFilesResult): boolean {
  const existing = project.fileWithHash(hash);
  if (existing) result.duplicates.push({ file, existing });
  return existing !== null;
}

/** Adds files and folders (searched recursively) by path, referenced in place; each .txt pairs with its audio. */
export async function addPaths(project: Project, paths: string[]): Promise<AddFilesResult> {
  const result = emptyResult();
  await hashOldEntries(project);
  const texts: string[] = [];
  const audio: string[] = [];
  for (const path of paths) {
    if (isText(path) && (await stat(path).then((s) => s.isFile(), () => false))) {
      texts.push(path);
      continue;
    }
    try {
      const files = await listAudioFiles([path]);
      if (files.length === 0) result.problems.push({ file: path, reason: 'no audio files (wav, flac, mp3, ogg, gsm) found' });
      audio.push(...files);
    } catch (error) {
      result.problems.push({ file: path, reason: messageOf(error).replace(`${path}: `, '') });
    }
  }
  for (const file of audio) {
    try {
      const hash = sha256(await readFile(file));
      if (isDuplicate(project, file, hash, result)) continue;
      const { sampleRate, channels, durationSec, format } = await probeFile(file);
      const beside = `${stemOf(file)}.txt`;
      const transcript = (await stat(beside).then((s) => s.isFile(), () => false)) ? beside : null;
      const entry = await project.addFile({ path: file, name: basename(file), sampleRate, channels, durationSec, format, label: folderLabel(file), source: file, copied: false, sha256: hash, transcript });
      result.added.push(entry);
      if (transcript) result.transcripts.push({ file: transcript, audio: entry });
    } catch (error) {
      result.problems.push({ file, reason: messageOf(error).replace(`${file}: `, '') });
    }
  }
  for (const text of texts) {
    if (result.transcripts.some((t) => t.file === text)) continue;
    const audioOf = project.files().find((f) => stemOf(f.source) === stemOf(text));
    if (!audioOf) result.problems.push({ file: text, reason: unpairedReason(text) });
    else result.transcripts.push({ file: text, audio: await project.updateFile(audioOf.id, { transcript: text }) });
  }
  return result;
}

/** One dropped file: the path it had in the drop (for the user), its parts under imports/, and its bytes. */
interface Dropped {
  source: string;
  parts: string[];
  bytes: Buffer;
}

/** Writes `bytes` to a new copy of `parts` under imports/ and returns its path. */
async function writeCopy(project: Project, parts: string[], bytes: Buffer): Promise<string> {
  const path = await importPath(project.dir, parts);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return path;
}

/** Copies one dropped audio file into imports/ and adds it; a rejected file's copy is deleted. */
async function addUpload(project: Project, file: Dropped, result: AddFilesResult): Promise<void> {
  const hash = sha256(file.bytes);
  if (isDuplicate(project, file.source, hash, result)) return;
  const path = await writeCopy(project, file.parts, file.bytes);
  try {
    const { sampleRate, channels, durationSec, format } = await probeFile(path);
    const name = file.parts[file.parts.length - 1];
    result.added.push(await project.addFile({ path, name, sampleRate, channels, durationSec, format, label: folderLabel(file.source), source: file.source, copied: true, sha256: hash, transcript: null }));
  } catch (error) {
    await deleteImported(project.dir, [path]);
    result.problems.push({ file: file.source, reason: messageOf(error).replace(`${path}: `, '') });
  }
}

/** Pairs a dropped transcript with its audio (dropped with it, or already in the project) and stores it beside the copy. */
async function pairUpload(project: Project, text: Dropped, result: AddFilesResult): Promise<void> {
  const candidates = [...result.added, ...project.files()];
  const audio = candidates.find((f) => stemOf(f.source) === stemOf(text.source)) ?? candidates.find((f) => stemOf(f.name) === stemOf(basename(text.source)));
  if (!audio) {
    result.problems.push({ file: text.source, reason: unpairedReason(text.source) });
    return;
  }
  let path: string;
  if (audio.copied) {
    path = `${stemOf(audio.path)}.txt`;
    await writeFile(path, text.bytes);
  } else {
    path = await writeCopy(project, text.parts, text.bytes);
  }
  if (audio.transcript && audio.transcript !== path && audio.copied) await deleteImported(project.dir, [audio.transcript]);
  const updated = await project.updateFile(audio.id, { transcript: path });
  const i = result.added.findIndex((f) => f.id === audio.id);
  if (i >= 0) result.added[i] = updated;
  result.transcripts.push({ file: text.source, audio: updated });
}

/** Adds files dropped as bytes: copied into imports/ under their own names and folders; each .txt pairs with its audio. */
export async function addUploads(project: Project, files: UploadedFile[]): Promise<AddFilesResult> {
  const result = emptyResult();
  await hashOldEntries(project);
  const audio: Dropped[] = [];
  const texts: Dropped[] = [];
  for (const file of files) {
    const source = (file.path ?? file.name).replace(/\\/g, '/').replace(/^\/+/, '') || 'upload';
    const bytes = Buffer.from(file.base64, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_UPLOAD_BYTES) {
      result.problems.push({ file: source, reason: bytes.length === 0 ? 'empty file' : 'larger than 200 MB' });
      continue;
    }
    (isText(source) ? texts : audio).push({ source, parts: safeRelativePath(source), bytes });
  }
  for (const file of audio) await addUpload(project, file, result);
  for (const text of texts) await pairUpload(project, text, result);
  return result;
}
