/**
 * useState kept in the page's sessionStorage under a key, so a view's form and choices survive switching views (a
 * view is unmounted when another is shown) and reloading the page, but not a new window. A stored value that no
 * longer parses as JSON is dropped for the initial one.
 */
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';

/** The value stored under `key`, or `initial` when none (or it cannot be read). */
function readStored<T>(key: string, initial: T): T {
  try {
    const text = window.sessionStorage.getItem(`kielo:${key}`);
    return text === null ? initial : (JSON.parse(text) as T);
  } catch {
    return initial;
  }
}

/** Like useState, with the value kept in sessionStorage under `kielo:KEY` (JSON). */
export function useStoredState<T>(key: string, initial: T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => readStored(key, initial));
  useEffect(() => {
    try {
      window.sessionStorage.setItem(`kielo:${key}`, JSON.stringify(value));
    } catch {
      // storage full or refused: the value still lives while the view is shown
    }
  }, [key, value]);
  return [value, setValue];
}
