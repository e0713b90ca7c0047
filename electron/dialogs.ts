/**
 * Native open dialogs for the renderer's Browse… buttons and File menu commands. The request is validated
 * (valibot), the dialog is modal on the window, and what the user picks is granted (path-grants.ts) before it is
 * returned, so the service calls that follow may use it.
 */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import * as v from 'valibot';
import { AUDIO_EXTENSIONS } from '../src/audio/files';
import { PATH_PURPOSES, PathRequestSchema, type PathRequest } from '../src/api/contract';
import type { PathGrants } from './path-grants';

/** The dialog for each purpose: audio files (several), folders of audio, a project folder (new or existing), a dataset folder. */
export function dialogOptions(request: PathRequest): OpenDialogOptions {
  const base: OpenDialogOptions = { title: request.title, defaultPath: request.defaultPath };
  switch (request.purpose) {
    case 'files':
      return { ...base, title: base.title ?? 'Add audio files', properties: ['openFile', 'multiSelections'], filters: [{ name: 'Audio', extensions: [...AUDIO_EXTENSIONS] }, { name: 'All files', extensions: ['*'] }] };
    case 'folder':
      return { ...base, title: base.title ?? 'Add folders of audio', properties: ['openDirectory', 'multiSelections'] };
    case 'project':
      return { ...base, title: base.title ?? 'Choose a project folder', properties: ['openDirectory', 'createDirectory', 'promptToCreate'] };
    case 'dataset':
      return { ...base, title: base.title ?? 'Choose a dataset folder', properties: ['openDirectory'] };
  }
}

/** Shows the open dialog for a (not yet validated) request; returns the chosen paths, [] when cancelled. */
export async function choosePaths(window: BrowserWindow | null, request: unknown, grants: PathGrants): Promise<string[]> {
  const parsed = v.safeParse(PathRequestSchema, request);
  if (!parsed.success) throw new Error(`choosePaths: ${parsed.issues[0].message} (purpose: one of ${PATH_PURPOSES.join(', ')})`);
  const options = dialogOptions(parsed.output);
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  if (result.canceled) return [];
  for (const path of result.filePaths) grants.grant(path);
  return result.filePaths;
}

/** Asks, in a native message box, whether the app may use paths the user did not pick in a dialog. */
export async function confirmPaths(window: BrowserWindow | null, paths: string[]): Promise<boolean> {
  const options = {
    type: 'question' as const,
    buttons: ['Allow', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Let Kielo use this location?',
    detail: `${paths.join('\n')}\n\nIt was typed in rather than chosen with Browse…. Allow only if you entered it.`,
  };
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 0;
}
