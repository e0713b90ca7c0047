/** A labelled drop-down over named items (models, files): the one select the views repeat. */

/** One choice: its id (the value) and the name shown. */
export interface PickerItem {
  id: string;
  name: string;
}

/** `LABEL [select]` listing ITEMS by name; calls onChange with the chosen id. */
export function Picker({ label, value, items, onChange }: { label: string; value: string; items: readonly PickerItem[]; onChange(id: string): void }) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {items.map((item) => (
          <option key={item.id} value={item.id}>{item.name}</option>
        ))}
      </select>
    </label>
  );
}
