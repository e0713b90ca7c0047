/** Files: the project's audio with duration, rate, channels and label; the selected one in the player. */
import type { AudioFileEntry } from '../contract';
import { originText } from '../api/import-text';
import { FilePanel } from '../components/FilePanel';
import { TableHead } from '../components/TableHead';

/** Props shared by the views that work on the selected file. */
export interface FileViewProps {
  files: AudioFileEntry[];
  selected: string | null;
  onSelect(id: string): void;
  onLabel(id: string, label: string | null): void;
  onRemove(id: string): void;
}

/** The file table (keyboard: Tab to a row's button, Enter to select). */
export function FileTable({ files, selected, onSelect, onLabel, onRemove }: FileViewProps) {
  if (!files.length) return <p className="empty">Drop audio files or folders anywhere in this window (wav, flac, mp3, ogg).</p>;
  return (
    <table className="files">
      <TableHead columns={['File', 'Duration', 'Rate', 'Channels', 'From', 'Label', <span className="sr-only">Actions</span>]} />
      <tbody>
        {files.map((f) => (
          <tr key={f.id} aria-selected={f.id === selected} className={f.id === selected ? 'selected' : undefined}>
            <td>
              <button type="button" className="link" onClick={() => onSelect(f.id)} title={f.path}>{f.name}</button>
              {f.transcript && <span className="muted" title={`transcript: ${f.transcript}`}> + .txt</span>}
            </td>
            <td>{f.durationSec.toFixed(2)} s</td>
            <td>{f.sampleRate} Hz</td>
            <td>{f.channels}</td>
            <td className="origin" title={f.path}>{originText(f)}</td>
            <td>
              <input
                aria-label={`Label of ${f.name}`}
                defaultValue={f.label ?? ''}
                size={6}
                onBlur={(e) => e.target.value !== (f.label ?? '') && onLabel(f.id, e.target.value || null)}
              />
            </td>
            <td>
              <button type="button" onClick={() => onRemove(f.id)} aria-label={`Remove ${f.name}`}>✕</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The Files view. */
export function FilesView(props: FileViewProps) {
  return (
    <div className="view">
      <h2>Files</h2>
      <p className="muted">
        Files added by path (desktop app, kielo CLI) are used where they are; files dropped in the browser are copied into the
        project's imports/ folder under their own names and folders. Either way a file's origin is shown under From.
      </p>
      <FileTable {...props} />
      {props.selected && <FilePanel key={props.selected} id={props.selected} />}
    </div>
  );
}
