/** A labelled drop-down over named items (models, files, settings): the one select the views repeat. */

/** One choice: its id (the value) and the name shown. */
export interface PickerItem<Id extends string = string> {
  id: Id;
  name: string;
}

/** Items named by their own ids (e.g. a const list of optimiser names). */
export function itemsOf<Id extends string>(ids: readonly Id[]): PickerItem<Id>[] {
  return ids.map((id) => ({ id, name: id }));
}

/** `LABEL [select]` listing ITEMS by name; calls onChange with the chosen id (one of the items' ids). */
export function Picker<Id extends string>({ label, value, items, onChange }: { label: string; value: Id | ''; items: readonly PickerItem<Id>[]; onChange(id: Id): void }) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value as Id)}>
        {items.map((item) => (
          <option key={item.id} value={item.id}>{item.name}</option>
        ))}
      </select>
    </label>
  );
}
