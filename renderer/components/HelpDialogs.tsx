/** Help > About (engine and versions) and Help > Keyboard shortcuts (rendered from the shared command list). */
import { COMMANDS, OTHER_SHORTCUTS, shortcutLabels, type EngineStatus } from '../contract';
import { host } from '../api/host';
import { shortcutPlatform } from '../commands';
import { threadsText } from '../engine-text';
import { Dialog } from './Dialog';

/** Help > About: the engine that runs the models, and the versions of what runs the app. */
export function AboutDialog({ engine, onClose }: { engine: EngineStatus | null; onClose(): void }) {
  const versions = host()?.versions;
  return (
    <Dialog title="About Kielo" onClose={onClose}>
      <p>Kielo: a studio for deep learning on speech and audio.</p>
      <dl className="facts">
        <dt>Engine</dt>
        <dd data-testid="about-engine">{engine ? [`TensorFlow.js ${engine.version}, ${engine.name} backend (${engine.backend})`, engine.kernels ?? '', threadsText(engine)].filter(Boolean).join(', ') : 'starting…'}</dd>
        {versions ? (
          <>
            <dt>Electron</dt>
            <dd>{versions.electron}</dd>
            <dt>Chromium</dt>
            <dd>{versions.chrome}</dd>
            <dt>Node.js</dt>
            <dd>{versions.node}</dd>
          </>
        ) : (
          <>
            <dt>Mode</dt>
            <dd>Browser (kielo serve)</dd>
            <dt>Browser</dt>
            <dd>{navigator.userAgent}</dd>
          </>
        )}
      </dl>
    </Dialog>
  );
}

/** Help > Keyboard shortcuts: every command with a shortcut, as this platform writes it. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const platform = shortcutPlatform();
  const rows = [
    ...COMMANDS.map((c) => ({ label: c.label.replace('…', ''), keys: shortcutLabels(c, platform) })).filter((r) => r.keys.length),
    ...OTHER_SHORTCUTS.map((s) => ({ label: s.label, keys: [s.keys] })),
  ];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.keys.map((k) => <kbd key={k}>{k}</kbd>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
