/** A path field: type a path, or pick one with Browse… (native dialog in Electron, the in-page browser otherwise). */
import { useId } from 'react';
import type { PathPurpose } from '../contract';
import { usePathChooser } from './FileBrowserDialog';

/** Props of PathField. */
export interface PathFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** What is chosen: a dataset or project folder, a folder, or files (several joined by the first). */
  purpose: PathPurpose;
  placeholder?: string;
  /** Dialog title (the purpose's default when omitted). */
  title?: string;
  size?: number;
}

/** A labelled text input with a Browse… button beside it; typed paths are accepted as they are. */
export function PathField({ label, value, onChange, purpose, placeholder, title, size = 36 }: PathFieldProps) {
  const { choose, dialog } = usePathChooser();
  const id = useId();
  const browse = async () => {
    const [first] = await choose({ purpose, title, defaultPath: value.trim() || undefined });
    if (first) onChange(first);
  };
  return (
    <span className="path-field">
      <label htmlFor={id}>{label}</label>
      <span className="path-input">
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} size={size} spellCheck={false} />
        <button type="button" onClick={() => void browse()} aria-label={`Browse for ${label.toLowerCase()}`}>Browse…</button>
      </span>
      {dialog}
    </span>
  );
}
