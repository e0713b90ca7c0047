/**
 * Browser mode's menu bar: the application menu's commands (src/api/commands.ts) as in-page menus, with their
 * shortcuts, running the same actions. Electron shows the native menu instead (electron/menu.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { COMMANDS, MENU_NAMES, shortcutLabels, type CommandId, type MenuName } from '../contract';
import { shortcutPlatform } from '../commands';

/** Props of MenuBar. */
export interface MenuBarProps {
  /** Recent project folders (File > Open recent). */
  recent: string[];
  /** A job runs (Run > Cancel enabled). */
  jobRunning: boolean;
  /** Runs a command (Open recent with its folder). */
  onCommand(id: CommandId, arg?: string): void;
}

/** The menu bar; one menu open at a time, ↑/↓ move through its items, closed by a pick, Esc or a click elsewhere. */
export function MenuBar({ recent, jobRunning, onCommand }: MenuBarProps) {
  const [open, setOpen] = useState<MenuName | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  const platform = shortcutPlatform();
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => !bar.current?.contains(e.target as Node) && setOpen(null);
    // capture phase: these keys act on the open menu, before the app's shortcuts (arrows would change the file)
    const keys = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(null);
      else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        const items = [...(bar.current?.querySelectorAll<HTMLButtonElement>('[role=menu] button:not(:disabled)') ?? [])];
        const at = items.indexOf(document.activeElement as HTMLButtonElement);
        items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1 + (at < 0 ? 1 : 0))) % items.length]?.focus();
      } else return;
      e.preventDefault();
    };
    document.addEventListener('mousedown', outside);
    window.addEventListener('keydown', keys, true);
    return () => {
      document.removeEventListener('mousedown', outside);
      window.removeEventListener('keydown', keys, true);
    };
  }, [open]);
  const pick = (id: CommandId, arg?: string) => {
    setOpen(null);
    onCommand(id, arg);
  };
  return (
    <div className="menubar" role="menubar" aria-label="Menu" ref={bar}>
      {MENU_NAMES.map((menu) => (
        <div key={menu} className="menu">
          <button type="button" role="menuitem" aria-haspopup="menu" aria-expanded={open === menu} onClick={() => setOpen(open === menu ? null : menu)} onMouseEnter={() => open && setOpen(menu)}>
            {menu}
          </button>
          {open === menu && (
            <ul role="menu" aria-label={menu}>
              {COMMANDS.filter((c) => c.menu === menu).map((command) =>
                command.id === 'openRecent' ? (
                  <li key={command.id} role="none" className="submenu">
                    <span className="muted">{command.label}</span>
                    <ul role="menu" aria-label={command.label}>
                      {recent.length === 0 && <li role="none" className="muted">No recent projects</li>}
                      {recent.map((dir) => (
                        <li key={dir} role="none">
                          <button type="button" role="menuitem" onClick={() => pick('openRecent', dir)}>{dir}</button>
                        </li>
                      ))}
                    </ul>
                  </li>
                ) : (
                  <li key={command.id} role="none" className={command.group ? 'group' : undefined}>
                    <button type="button" role="menuitem" disabled={command.id === 'cancelJob' && !jobRunning} onMouseDown={(e) => command.role && e.preventDefault()} onClick={() => pick(command.id)}>
                      <span>{command.label}</span>
                      <kbd>{shortcutLabels(command, platform)[0] ?? ''}</kbd>
                    </button>
                  </li>
                ),
              )}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
