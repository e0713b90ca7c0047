/** What adding and removing files says to the user: counts, duplicates, paired transcripts, failures, and where files live. */
import type { AddFilesResult, AudioFileEntry } from '../contract';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line for the status bar: "2 files added (copied into the project); 1 transcript paired; already in the project: a.wav (as a.wav); failed: x.txt: reason". */
export function describeAdded(result: AddFilesResult): string {
  const copied = result.added.some((f) => f.copied);
  const parts = [`${plural(result.added.length, 'file')} added${result.added.length ? (copied ? ' (copied into the project)' : ' (referenced where they are)') : ''}`];
  if (result.transcripts.length) parts.push(`${plural(result.transcripts.length, 'transcript')} paired (${result.transcripts.map((t) => `${t.file} → ${t.audio.name}`).join(', ')})`);
  if (result.duplicates.length) parts.push(`already in the project, not added again: ${result.duplicates.map((d) => `${d.file} (as ${d.existing.name})`).join(', ')}`);
  if (result.problems.length) parts.push(`failed: ${result.problems.map((p) => `${p.file}: ${p.reason}`).join('; ')}`);
  return parts.join('; ');
}

/** The confirmation asked before removing FILE: what happens to it on disk. */
export function removeQuestion(file: AudioFileEntry): string {
  return file.copied
    ? `Remove ${file.name} from the project? The project's copy (${file.path}) is deleted; the file you dropped (${file.source}) is not touched.`
    : `Remove ${file.name} from the project? The file stays on disk at ${file.path}.`;
}

/** Where a file lives, for the file table: the user's path, or the dropped path and that the project holds a copy. */
export function originText(file: AudioFileEntry): string {
  return file.copied ? `${file.source} (copy in the project)` : file.source;
}
