/**
 * Progress of a long job as the studio shows it everywhere: a bar, items done of the total, the pace and the time
 * left, and Cancel. JobProgress follows the jobs of given tasks by their events; ProgressBar draws one state.
 */
import { useEffect, useState } from 'react';
import { durationText, type JobEvent, type JobProgress as Progress } from '../contract';
import { useApi } from '../api/context';

/** What a progress bar shows. */
export interface ProgressView {
  /** What is running ('Evaluating demo lid', 'Epoch 3 of 10'). */
  label: string;
  done: number;
  /** Null while unknown (the bar then moves without a length). */
  total: number | null;
  /** What `done` counts ('files', 'batches'). */
  unit: string;
  /** The pace, and what it counts ('clips', 'files'); null before there is one. */
  perSecond: number | null;
  rateUnit: string;
  secondsLeft: number | null;
}

/** `1.2k`, `312`, `4.5`: a pace in three digits or so. */
function rateText(perSecond: number): string {
  if (perSecond >= 10_000) return `${(perSecond / 1000).toFixed(0)}k`;
  if (perSecond >= 1000) return `${(perSecond / 1000).toFixed(1)}k`;
  return perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

/** The bar and its numbers; Cancel when `onCancel` is given. */
export function ProgressBar({ view, onCancel }: { view: ProgressView; onCancel?: () => void }) {
  const { label, done, total, unit, perSecond, rateUnit, secondsLeft } = view;
  return (
    <div className="job-progress" role="group" aria-label={label} data-testid="job-progress">
      <span className="job-progress-label">{label}</span>
      <progress aria-label={label} value={total === null ? undefined : done} max={total ?? undefined} />
      <span className="job-progress-numbers" data-testid="progress-numbers">
        {`${done}${total !== null ? ` / ${total}` : ''} ${unit}`}
        {perSecond !== null && ` · ${rateText(perSecond)} ${rateUnit}/s`}
        {secondsLeft !== null && ` · ${durationText(secondsLeft)} left`}
      </span>
      {onCancel && <button type="button" className="small" onClick={onCancel}>Cancel</button>}
    </div>
  );
}

/** A followed job: its task and how far it has got (null until its first count). */
interface Followed {
  jobId: string;
  task: string;
  progress: Progress | null;
}

/** What each task's bar says it is doing. */
const DOING: Record<string, string> = {
  eval: 'Evaluating',
  'classify-batch': 'Classifying',
  transcribe: 'Transcribing',
  generate: 'Generating',
};

/** The progress of the running jobs of `tasks` (the newest shown), with Cancel (unless the view has its own); nothing while none runs. */
export function JobProgress({ tasks, withCancel = true }: { tasks: readonly string[]; withCancel?: boolean }) {
  const api = useApi();
  const [jobs, setJobs] = useState<Followed[]>([]);
  const key = tasks.join(',');
  useEffect(() => {
    const followed = key.split(',');
    return api.onJobEvent((event: JobEvent) => {
      if (event.type === 'started') {
        if (followed.includes(event.task)) setJobs((js) => [...js, { jobId: event.jobId, task: event.task, progress: null }]);
      } else if (event.type === 'progress' && event.progress) {
        const progress = event.progress;
        setJobs((js) => js.map((j) => (j.jobId === event.jobId ? { ...j, progress } : j)));
      } else if (event.type === 'done' || event.type === 'failed' || event.type === 'cancelled') {
        setJobs((js) => js.filter((j) => j.jobId !== event.jobId));
      }
    });
  }, [api, key]);
  const job = jobs.at(-1);
  if (!job) return null;
  const p = job.progress;
  const view: ProgressView = {
    label: DOING[job.task] ?? job.task, done: p?.done ?? 0, total: p?.total ?? null, unit: p?.unit ?? 'files',
    perSecond: p?.perSecond ?? null, rateUnit: p?.unit ?? 'files', secondsLeft: p?.secondsLeft ?? null,
  };
  return <ProgressBar view={view} onCancel={withCancel ? () => void api.cancelJob(job.jobId).catch(() => {}) : undefined} />;
}
