/** The shared command list: shortcut names per platform, key matching, and which key runs which command. */
import { describe, expect, it } from 'vitest';
import { COMMANDS, COMMAND_IDS, acceleratorLabel, commandForKey, isCommandId, matchesAccelerator, shortcutLabels, commandById, type KeyPress } from '../../src/api/commands';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('the command list', () => {
  it('has each id once, with the menus the issue asks for', () => {
    expect(COMMANDS.map((c) => c.id)).toEqual([...COMMAND_IDS]);
    const labels = (menu: string) => COMMANDS.filter((c) => c.menu === menu).map((c) => c.label);
    expect(labels('File')).toEqual(['New project…', 'Open project…', 'Open recent', 'Add files…', 'Add folder…', 'Export results…']);
    expect(labels('Run')).toEqual(['Train…', 'Cancel']);
    expect(labels('Help')).toEqual(['About Kielo', 'Keyboard shortcuts']);
    expect(isCommandId('openProject')).toBe(true);
    expect(isCommandId('rm -rf')).toBe(false);
  });

  it('gives no two commands the same accelerator', () => {
    const accelerators = COMMANDS.flatMap((c) => (c.accelerator ? [c.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});

describe('acceleratorLabel', () => {
  it('writes Cmd on macOS and Ctrl elsewhere', () => {
    expect(acceleratorLabel('CmdOrCtrl+O', 'mac')).toBe('⌘O');
    expect(acceleratorLabel('CmdOrCtrl+O', 'other')).toBe('Ctrl+O');
    expect(acceleratorLabel('CmdOrCtrl+Alt+I', 'mac')).toBe('⌘⌥I');
    expect(acceleratorLabel('CmdOrCtrl+Plus', 'other')).toBe('Ctrl++');
    expect(acceleratorLabel('CmdOrCtrl+-', 'other')).toBe('Ctrl+-');
  });

  it('lists the plain keys too', () => {
    expect(shortcutLabels(commandById('zoomIn'), 'other')).toEqual(['Ctrl++', '+']);
    expect(shortcutLabels(commandById('nextFile'), 'mac')).toEqual(['↓', '→']);
  });
});

describe('matchesAccelerator', () => {
  it('needs Cmd on macOS and Ctrl elsewhere, and exactly the modifiers named', () => {
    expect(matchesAccelerator(press('o', { metaKey: true }), 'CmdOrCtrl+O', 'mac')).toBe(true);
    expect(matchesAccelerator(press('o', { ctrlKey: true }), 'CmdOrCtrl+O', 'mac')).toBe(false);
    expect(matchesAccelerator(press('o', { ctrlKey: true }), 'CmdOrCtrl+O', 'other')).toBe(true);
    expect(matchesAccelerator(press('O', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+O', 'other')).toBe(false);
    expect(matchesAccelerator(press('o'), 'CmdOrCtrl+O', 'other')).toBe(false);
  });

  it('takes the = key for Plus, shifted or not', () => {
    expect(matchesAccelerator(press('=', { ctrlKey: true }), 'CmdOrCtrl+Plus', 'other')).toBe(true);
    expect(matchesAccelerator(press('+', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+Plus', 'other')).toBe(true);
  });
});

describe('commandForKey', () => {
  const browser = { typing: false, menuHandles: false };
  it('runs accelerators in the browser, and plain keys outside text fields only', () => {
    expect(commandForKey(press('o', { ctrlKey: true }), 'other', browser)?.id).toBe('openProject');
    expect(commandForKey(press('ArrowDown'), 'other', browser)?.id).toBe('nextFile');
    expect(commandForKey(press('ArrowLeft'), 'other', browser)?.id).toBe('previousFile');
    expect(commandForKey(press('-'), 'other', browser)?.id).toBe('zoomOut');
    expect(commandForKey(press('-'), 'other', { ...browser, typing: true })).toBeNull();
    expect(commandForKey(press('ArrowDown', { shiftKey: false, altKey: true }), 'other', browser)).toBeNull();
  });

  it('leaves accelerators to the native menu in Electron, and editing keys to the focused field', () => {
    expect(commandForKey(press('o', { ctrlKey: true }), 'other', { typing: false, menuHandles: true })).toBeNull();
    expect(commandForKey(press('+'), 'other', { typing: false, menuHandles: true })?.id).toBe('zoomIn');
    expect(commandForKey(press('c', { ctrlKey: true }), 'other', browser)).toBeNull();
  });
});
