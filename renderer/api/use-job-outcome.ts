/**
 * Follows one job the view started: its progress messages, then done (with its result), failed or cancelled, each
 * as a status line; the job id is cleared when it ends. For views that run one job at a time (Generate,
 * Resynthesise).
 */
import { useEffect, useState } from 'react';
import type { JobEvent } from '../contract';
import { useApi } from './context';

/** The job being followed (set it when one starts), its status line, and `onDone` called with a finished job's result. */
export function useJobOutcome(doneMessage: string, onDone: (result: unknown) => void) {
  const api = useApi();
  const [jobId, setJobId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  useEffect(
    () =>
      api.onJobEvent((event: JobEvent) => {
        if (event.jobId !== jobId) return;
        if (event.type === 'progress') setMessage(event.message);
        if (event.type === 'done') {
          setJobId(null);
          setMessage(doneMessage);
          onDone(event.result);
        }
        if (event.type === 'failed' || event.type === 'cancelled') {
          setJobId(null);
          setMessage(event.type === 'failed' ? `Failed: ${event.error}` : 'Cancelled.');
        }
      }),
    [api, jobId, doneMessage, onDone],
  );
  return { jobId, setJobId, message, setMessage };
}
