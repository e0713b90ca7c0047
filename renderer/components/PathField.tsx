/** A path field: type a path, or pick one with Browse… (native dialog in Electron, the in-page browser otherwise). */
import { useId } from 'react';
import type { PathPurpose } from '../contract';
import { usePathChooser } from './FileBrowserDialog';

/** Paths offered as the field is typed in (a `<datalist>`; `id` names it, e.g. for tests and styles). */
export interface PathSuggestions {
  id: string;
  items: readonly { path: string; name: string }[];
}

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
  /** Known paths to offer (the demo datasets), besides typing and Browse…. */
  suggestions?: PathSuggestions;
  /** The field is marked as wrong (aria-invalid), e.g. empty where a path is needed. */
  invalid?: boolean;
}

/** A labelled text input with a Browse… button beside it; typed paths are accepted as they are. */
export function PathField({ label, value, onChange, purpose, placeholder, title, size = 36, suggestions, invalid }: PathFieldProps) {
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
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          size={size}
          spellCheck={false}
          list={suggestions?.id}
          aria-invalid={invalid || undefined}
        />
        <button type="button" onClick={() => void browse()} aria-label={`Browse for ${label.toLowerCase()}`}>Browse…</button>
      </span>
      {suggestions && (
        <datalist id={suggestions.id}>
          {suggestions.items.map((s) => (
            <option key={s.path} value={s.path}>{s.name}</option>
          ))}
        </datalist>
      )}
      {dialog}
    </span>
  );
}
