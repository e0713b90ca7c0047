/**
 * The application menu, built from the shared command list (src/api/commands.ts) by one pure function of the
 * app's state, so the same state gives the same menu and a test can read it without Electron. Every item but the
 * editing roles sends its command to the renderer, which runs the same action as the in-page menu bar.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, MENU_NAMES, type Command, type CommandId, type MenuName } from '../src/api/commands';

/** What the menu depends on. */
export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  /** Recent project folders, newest first. */
  recent: string[];
  /** A job runs (Run > Cancel is enabled). */
  jobRunning: boolean;
}

/** Sends a command (and, for Open recent, the folder) to the renderer. */
export type SendCommand = (id: CommandId, arg?: string) => void;

function itemOf(command: Command, state: MenuState, send: SendCommand): MenuItemConstructorOptions {
  if (command.role) return { role: command.role, label: command.label, accelerator: command.accelerator };
  if (command.id === 'openRecent') {
    const submenu: MenuItemConstructorOptions[] = state.recent.length
      ? state.recent.map((dir) => ({ label: dir, click: () => send('openRecent', dir) }))
      : [{ label: 'No recent projects', enabled: false }];
    return { label: command.label, submenu };
  }
  return {
    id: command.id,
    label: command.label,
    accelerator: command.accelerator,
    enabled: command.id === 'cancelJob' ? state.jobRunning : true,
    click: () => send(command.id),
  };
}

function itemsOf(menu: MenuName, state: MenuState, send: SendCommand, leaveOut: CommandId[]): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  for (const command of COMMANDS.filter((c) => c.menu === menu && !leaveOut.includes(c.id))) {
    if (command.group && items.length) items.push({ type: 'separator' });
    items.push(itemOf(command, state, send));
  }
  return items;
}

/**
 * The menu template: File, Edit, View, Run, Help from the command list. On macOS an app menu comes first (About,
 * Services, Hide, Quit) and a Window menu before Help; elsewhere File ends with Quit.
 */
export function menuTemplate(state: MenuState, send: SendCommand): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const leaveOut: CommandId[] = mac ? ['about'] : [];
  const menus = MENU_NAMES.map((name): MenuItemConstructorOptions => ({ label: name, submenu: itemsOf(name, state, send, leaveOut) }));
  if (!mac) {
    (menus[0].submenu as MenuItemConstructorOptions[]).push({ type: 'separator' }, { role: 'quit', accelerator: 'Ctrl+Q' });
    return menus;
  }
  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      { id: 'about', label: `About ${state.appName}`, click: () => send('about') },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  return [appMenu, ...menus.slice(0, -1), { role: 'windowMenu' }, menus[menus.length - 1]];
}
