/** A small hook for one async call: its value, error and a reload. */
import { useCallback, useEffect, useState } from 'react';

/** The state of an async value. */
export interface AsyncState<T> {
  value: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Runs `load` when `deps` change; stale answers are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (v) => live && (setValue(v), setError(null), setLoading(false)),
      (e: unknown) => live && (setError(e instanceof Error ? e.message : String(e)), setLoading(false)),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { value, error, loading, reload };
}
