/**
 * The renderer's side of the shared command list (src/api/commands.ts): the keyboard, and the way view-level
 * commands (Run > Train, File > Export results) reach the view that does them. The menus (native and in-page) call
 * the same `run` that the keyboard does (renderer/use-shell.tsx).
 */
import { useEffect, useRef } from 'react';
import { commandForKey, type CommandId, type ShortcutPlatform } from './contract';
import { host } from './api/host';

/** The platform whose shortcut names to show and match: macOS (Cmd) or the others (Ctrl). */
export function shortcutPlatform(): ShortcutPlatform {
  const platform = host()?.platform ?? navigator.platform;
  return /^(darwin|mac)/i.test(platform) ? 'mac' : 'other';
}

/** True when keys typed now go into a field (text inputs, text areas, selects, editable content). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'file', 'color'].includes(target.type);
}

/**
 * Runs commands from the keyboard. In Electron the application menu owns the accelerators, so only plain keys
 * (arrows, +/-) are handled here; in browser mode, both. Nothing while a modal dialog is open (Esc closes it).
 */
export function useCommandKeys(run: (id: CommandId) => void): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const platform = shortcutPlatform();
    const menuHandles = host() !== null;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const command = commandForKey(event, platform, { typing: isTyping(event.target), menuHandles });
      if (!command) return;
      event.preventDefault();
      latest.current(command.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

const VIEW_COMMAND_EVENT = 'kielo-command';
/** How long a command waits for its view to mount (the shell switches views first). */
const PENDING_MS = 2000;
/** A command handed over while its view was not yet mounted. */
let pending: { id: CommandId; at: number } | null = null;

/** Hands a command to the view that does it: now if it is mounted, else when it mounts (within PENDING_MS). */
export function emitViewCommand(id: CommandId): void {
  pending = { id, at: Date.now() };
  window.dispatchEvent(new CustomEvent<CommandId>(VIEW_COMMAND_EVENT, { detail: id }));
}

/** For a view: runs `handler` when the shell hands it command `id` (e.g. TrainView: 'train', ResultsView: 'exportResults'). */
export function useViewCommand(id: CommandId, handler: () => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const take = () => {
      if (pending?.id !== id || Date.now() - pending.at > PENDING_MS) return;
      pending = null;
      latest.current();
    };
    take();
    const listener = (event: Event) => (event as CustomEvent<CommandId>).detail === id && take();
    window.addEventListener(VIEW_COMMAND_EVENT, listener);
    return () => window.removeEventListener(VIEW_COMMAND_EVENT, listener);
  }, [id]);
}
