/** Dropped files and folders -> the back end: paths in Electron, uploaded bytes in browser mode. */
import type { AddFilesResult, KieloApi, UploadedFile } from '../contract';
import { fileToBase64 } from './bytes';
import { host } from './host';

/** A dropped file and its path within the drop ("recordings/fi/fi001.flac": its folders give labels). */
interface DroppedFile {
  file: File;
  path: string;
}

/** Files inside a dropped folder entry, with their paths in the drop (browser mode walks it with the FileSystem entry API). */
async function walk(entry: FileSystemEntry): Promise<DroppedFile[]> {
  const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
  if (entry.isFile) return [{ file: await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail)), path }];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (!batch.length) break;
    children.push(...batch);
  }
  return (await Promise.all(children.map(walk))).flat();
}

/** Sends a drop's files (and folders' contents) to the back end: paths in Electron (used in place), bytes in browser mode (copied, with their paths in the drop). */
export async function addDropped(api: KieloApi, data: DataTransfer): Promise<AddFilesResult> {
  const bridge = host();
  if (bridge) return api.addFiles([...data.files].map((f) => bridge.pathForFile(f)));
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  const files = entries.every((e) => e) ? (await Promise.all(entries.map((e) => walk(e!)))).flat() : [...data.files].map((file) => ({ file, path: file.name }));
  const uploads: UploadedFile[] = await Promise.all(files.map(async ({ file, path }) => ({ name: file.name, path, base64: await fileToBase64(file) })));
  return api.uploadFiles(uploads);
}
