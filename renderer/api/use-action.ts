/** A small hook for one user-started async call (evaluate, transcribe): its last result, busy flag and error. */
import { useState } from 'react';

/** The state of a user-started call and the function that starts it. */
export interface ActionState<T> {
  result: T | null;
  busy: boolean;
  error: string | null;
  /** Runs ACTION, keeping its result or its error message; busy while it runs. */
  run(action: () => Promise<T>): Promise<void>;
}

/** Tracks one async action started by the user: busy while running, then its result or error. */
export function useAction<T>(): ActionState<T> {
  const [result, setResult] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await action());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { result, busy, error, run };
}
