/**
 * The studio's commands: one list that the Electron application menu (electron/menu.ts), the in-page menu bar of
 * browser mode (renderer/components/MenuBar.tsx), the keyboard and the Help > Keyboard shortcuts list all read, so
 * a command has one label, one shortcut and one action everywhere. Pure data and pure functions (no DOM, no
 * electron): re-exported by ./contract.ts for the renderer.
 */

/** The menus, in menu-bar order. */
export const MENU_NAMES = ['File', 'Edit', 'View', 'Run', 'Help'] as const;
/** One menu. */
export type MenuName = (typeof MENU_NAMES)[number];

/** Every command's id. */
export const COMMAND_IDS = [
  'newProject', 'openProject', 'openRecent', 'addFiles', 'addFolder', 'exportResults',
  'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll',
  'zoomIn', 'zoomOut', 'zoomReset', 'toggleTheme',
  'train', 'cancelJob',
  'about', 'shortcuts',
  'previousFile', 'nextFile',
] as const;
/** One command's id. */
export type CommandId = (typeof COMMAND_IDS)[number];

/** A command as the menus and the keyboard see it. */
export interface Command {
  id: CommandId;
  /** Menu label ('…' when it asks for more before acting). */
  label: string;
  /** Its menu; null for keyboard-only commands. */
  menu: MenuName | null;
  /** Electron accelerator syntax ('CmdOrCtrl+O': Cmd on macOS, Ctrl elsewhere); shown in menus and the shortcut list. */
  accelerator?: string;
  /** Plain keys (KeyboardEvent.key) that also run it, outside text fields and without modifiers. */
  keys?: string[];
  /** An Electron menu role that does it natively (the Edit commands); the in-page menu uses the page's editing. */
  role?: 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll';
  /** Starts a group in its menu (a separator above it). */
  group?: boolean;
}

/** All commands, in menu order. */
export const COMMANDS: readonly Command[] = [
  { id: 'newProject', label: 'New project…', menu: 'File', accelerator: 'CmdOrCtrl+N' },
  { id: 'openProject', label: 'Open project…', menu: 'File', accelerator: 'CmdOrCtrl+O' },
  { id: 'openRecent', label: 'Open recent', menu: 'File' },
  { id: 'addFiles', label: 'Add files…', menu: 'File', accelerator: 'CmdOrCtrl+I', group: true },
  { id: 'addFolder', label: 'Add folder…', menu: 'File', accelerator: 'CmdOrCtrl+Alt+I' },
  { id: 'exportResults', label: 'Export results…', menu: 'File', accelerator: 'CmdOrCtrl+E', group: true },
  { id: 'undo', label: 'Undo', menu: 'Edit', accelerator: 'CmdOrCtrl+Z', role: 'undo' },
  { id: 'redo', label: 'Redo', menu: 'Edit', accelerator: 'CmdOrCtrl+Shift+Z', role: 'redo' },
  { id: 'cut', label: 'Cut', menu: 'Edit', accelerator: 'CmdOrCtrl+X', role: 'cut', group: true },
  { id: 'copy', label: 'Copy', menu: 'Edit', accelerator: 'CmdOrCtrl+C', role: 'copy' },
  { id: 'paste', label: 'Paste', menu: 'Edit', accelerator: 'CmdOrCtrl+V', role: 'paste' },
  { id: 'selectAll', label: 'Select all', menu: 'Edit', accelerator: 'CmdOrCtrl+A', role: 'selectAll' },
  { id: 'zoomIn', label: 'Zoom in', menu: 'View', accelerator: 'CmdOrCtrl+Plus', keys: ['+', '='] },
  { id: 'zoomOut', label: 'Zoom out', menu: 'View', accelerator: 'CmdOrCtrl+-', keys: ['-'] },
  { id: 'zoomReset', label: 'Actual size', menu: 'View', accelerator: 'CmdOrCtrl+0' },
  { id: 'toggleTheme', label: 'Dark / light', menu: 'View', accelerator: 'CmdOrCtrl+Shift+D', group: true },
  { id: 'train', label: 'Train…', menu: 'Run', accelerator: 'CmdOrCtrl+Enter' },
  { id: 'cancelJob', label: 'Cancel', menu: 'Run', accelerator: 'CmdOrCtrl+.' },
  { id: 'about', label: 'About Kielo', menu: 'Help' },
  { id: 'shortcuts', label: 'Keyboard shortcuts', menu: 'Help', accelerator: 'CmdOrCtrl+/' },
  { id: 'previousFile', label: 'Previous file', menu: null, keys: ['ArrowUp', 'ArrowLeft'] },
  { id: 'nextFile', label: 'Next file', menu: null, keys: ['ArrowDown', 'ArrowRight'] },
];

/** Shortcuts handled where they act rather than by a command (shown in the shortcut list beside the commands). */
export const OTHER_SHORTCUTS: readonly { keys: string; label: string }[] = [
  { keys: 'Space', label: 'Play / pause the selected file' },
  { keys: 'Esc', label: 'Close a dialog' },
];

/** The command with this id. */
export function commandById(id: CommandId): Command {
  const found = COMMANDS.find((c) => c.id === id);
  if (!found) throw new Error(`unknown command '${id}'`);
  return found;
}

/** True when `id` names a command (for ids arriving over IPC). */
export function isCommandId(id: unknown): id is CommandId {
  return typeof id === 'string' && (COMMAND_IDS as readonly string[]).includes(id);
}

/** The platforms whose modifier names differ. */
export type ShortcutPlatform = 'mac' | 'other';

const MAC_SYMBOLS: Record<string, string> = { CmdOrCtrl: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' };
const KEY_NAMES: Record<string, string> = { Plus: '+', ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', ' ': 'Space' };

/** An accelerator as the platform writes it: 'CmdOrCtrl+Shift+O' is '⌘⇧O' on macOS and 'Ctrl+Shift+O' elsewhere. */
export function acceleratorLabel(accelerator: string, platform: ShortcutPlatform): string {
  const parts = accelerator.split(/\+(?!$)/).map((part) => KEY_NAMES[part] ?? part);
  if (platform === 'mac') return parts.map((part) => MAC_SYMBOLS[part] ?? part).join('');
  return parts.map((part) => (part === 'CmdOrCtrl' ? 'Ctrl' : part)).join('+');
}

/** Every way to run a command from the keyboard, as the platform writes them ([] when none). */
export function shortcutLabels(command: Command, platform: ShortcutPlatform): string[] {
  return [
    ...(command.accelerator ? [acceleratorLabel(command.accelerator, platform)] : []),
    ...(command.keys ?? []).filter((key) => key !== '=').map((key) => KEY_NAMES[key] ?? key),
  ];
}

/** The parts of a keyboard event that shortcuts look at (a DOM KeyboardEvent has them all). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** True when the key press is the accelerator on this platform (Plus also matches the '=' key it shares). */
export function matchesAccelerator(press: KeyPress, accelerator: string, platform: ShortcutPlatform): boolean {
  const parts = accelerator.split(/\+(?!$)/);
  const key = parts.pop() ?? '';
  const wants = new Set(parts);
  const command = wants.has('CmdOrCtrl');
  if ((platform === 'mac' ? press.metaKey : press.ctrlKey) !== command) return false;
  if ((platform === 'mac' ? press.ctrlKey : press.metaKey) !== wants.has('Ctrl')) return false;
  if (press.altKey !== wants.has('Alt')) return false;
  if (key === 'Plus') return press.key === '+' || press.key === '=';
  if (press.shiftKey !== wants.has('Shift')) return false;
  return press.key.toLowerCase() === key.toLowerCase();
}

/**
 * The command a key press runs, or null. `typing`: focus is in a text field, where plain keys type. `menuHandles`:
 * a native menu owns the accelerators (Electron), so only plain keys are left to the page.
 */
export function commandForKey(press: KeyPress, platform: ShortcutPlatform, options: { typing: boolean; menuHandles: boolean }): Command | null {
  const plain = !press.ctrlKey && !press.metaKey && !press.altKey;
  for (const command of COMMANDS) {
    if (command.role) continue; // editing keys belong to the focused field
    if (!options.menuHandles && command.accelerator && matchesAccelerator(press, command.accelerator, platform)) return command;
    if (plain && !options.typing && command.keys?.includes(press.key)) return command;
  }
  return null;
}
