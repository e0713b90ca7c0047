/** The application menu template: built from the shared command list, per platform, sending commands to the renderer. */
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS } from '../../src/api/contract';
import { menuTemplate, type MenuState } from '../../electron/menu';

const LINUX: MenuState = { platform: 'linux', appName: 'Kielo', recent: ['/p/a', '/p/b'], jobRunning: false };
const MAC: MenuState = { ...LINUX, platform: 'darwin' };

const submenu = (menu: MenuItemConstructorOptions) => menu.submenu as MenuItemConstructorOptions[];
const find = (template: MenuItemConstructorOptions[], label: string) => template.find((m) => m.label === label)!;
/** [label or role, accelerator] of a menu's items (separators as '-'). */
const rows = (menu: MenuItemConstructorOptions) => submenu(menu).map((i) => (i.type === 'separator' ? '-' : [i.label ?? i.role, i.accelerator ?? null]));

describe('menuTemplate on Windows and Linux', () => {
  const template = menuTemplate(LINUX, () => {});

  it('has File, Edit, View, Run and Help, File ending with Quit', () => {
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
    expect(rows(find(template, 'File'))).toEqual([
      ['New project…', 'CmdOrCtrl+N'],
      ['Open project…', 'CmdOrCtrl+O'],
      ['Open recent', null],
      '-',
      ['Add files…', 'CmdOrCtrl+I'],
      ['Add folder…', 'CmdOrCtrl+Alt+I'],
      '-',
      ['Export results…', 'CmdOrCtrl+E'],
      '-',
      ['quit', 'Ctrl+Q'],
    ]);
  });

  it('has View zoom and theme, Run train and cancel, Help about and shortcuts', () => {
    expect(rows(find(template, 'View'))).toEqual([['Zoom in', 'CmdOrCtrl+Plus'], ['Zoom out', 'CmdOrCtrl+-'], ['Actual size', 'CmdOrCtrl+0'], '-', ['Dark / light', 'CmdOrCtrl+Shift+D']]);
    expect(rows(find(template, 'Run'))).toEqual([['Train…', 'CmdOrCtrl+Enter'], ['Cancel', 'CmdOrCtrl+.']]);
    expect(rows(find(template, 'Help'))).toEqual([['About Kielo', null], ['Keyboard shortcuts', 'CmdOrCtrl+/']]);
  });

  it('does editing with the native roles', () => {
    expect(submenu(find(template, 'Edit')).filter((i) => i.type !== 'separator').map((i) => i.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('holds every menu command of the shared list once', () => {
    const ids = template.flatMap((m) => submenu(m)).map((i) => i.id ?? i.role ?? (i.label === 'Open recent' ? 'openRecent' : undefined)).filter(Boolean);
    expect(ids.filter((id) => id !== 'quit').sort()).toEqual(COMMANDS.filter((c) => c.menu).map((c) => c.id).sort());
  });

  it('sends each command to the renderer, and Open recent with its folder', () => {
    const send = vi.fn();
    const built = menuTemplate(LINUX, send);
    const file = submenu(find(built, 'File'));
    file.find((i) => i.label === 'Open project…')!.click!({} as never, undefined, {} as never);
    expect(send).toHaveBeenLastCalledWith('openProject');
    const recent = submenu(file.find((i) => i.label === 'Open recent')!);
    expect(recent.map((i) => i.label)).toEqual(['/p/a', '/p/b']);
    recent[1].click!({} as never, undefined, {} as never);
    expect(send).toHaveBeenLastCalledWith('openRecent', '/p/b');
  });

  it('enables Run > Cancel only while a job runs, and says when there is nothing recent', () => {
    const cancel = (state: MenuState) => submenu(find(menuTemplate(state, () => {}), 'Run')).find((i) => i.label === 'Cancel')!.enabled;
    expect(cancel(LINUX)).toBe(false);
    expect(cancel({ ...LINUX, jobRunning: true })).toBe(true);
    const recent = submenu(submenu(find(menuTemplate({ ...LINUX, recent: [] }, () => {}), 'File')).find((i) => i.label === 'Open recent')!);
    expect(recent).toEqual([{ label: 'No recent projects', enabled: false }]);
  });
});

describe('menuTemplate on macOS', () => {
  const template = menuTemplate(MAC, () => {});

  it('starts with the app menu (About, Services, Hide, Quit) and has a Window menu before Help', () => {
    expect(template.map((m) => m.label ?? m.role)).toEqual(['Kielo', 'File', 'Edit', 'View', 'Run', 'windowMenu', 'Help']);
    expect(submenu(template[0]).map((i) => i.label ?? i.role ?? '-')).toEqual(['About Kielo', '-', 'services', '-', 'hide', 'hideOthers', 'unhide', '-', 'quit']);
  });

  it('moves About out of Help and Quit out of File', () => {
    expect(rows(find(template, 'Help'))).toEqual([['Keyboard shortcuts', 'CmdOrCtrl+/']]);
    expect(submenu(find(template, 'File')).some((i) => i.role === 'quit')).toBe(false);
  });
});
