/**
 * Train: dataset, model kind and the lecture's knobs; progress within the epoch; live curves with the per-batch loss;
 * a finished run's outcome; cancel and resume; the engine in use. Run > Train in the menu starts a run as the
 * Start training button does (Run > Cancel stops it: the shell cancels the running jobs).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ACTIVATIONS, DEFAULT_TRAIN_SETTINGS, FREEZE_CHOICES, KNOBS_OF_KIND, MODEL_KINDS, OPTIMIZERS, TrainSettingsSchema, VALIDATION_GROUPINGS,
  type EpochPoint, type JobEvent, type LossTracePoint, type RunDetail, type TrainKnob, type TrainProgressPoint, type TrainSettings,
} from '../contract';
import { useApi } from '../api/context';
import { useAsync } from '../api/use-async';
import { useStoredState } from '../api/use-stored-state';
import { useViewCommand } from '../commands';
import { threadsText } from '../engine-text';
import { ProgressBar } from '../components/JobProgress';
import { RunOutcome } from '../components/RunOutcome';
import { ActionForm } from '../components/ActionForm';
import { numberBounds } from '../components/schema-bounds';
import { PathField } from '../components/PathField';
import { itemsOf, Picker } from '../components/Picker';
import { TrainingCharts } from '../components/TrainingCharts';

const KIND_NAMES: Record<TrainSettings['kind'], string> = {
  'lid-learned': 'Language ID, learned front end',
  'lid-mfcc': 'Language ID, MFCC baseline',
  asr: 'CTC recogniser',
  wavenet: 'WaveNet generator',
};

/** What validation holds out, as the form and a run's summary say it. */
const GROUPING_NAMES: Record<TrainSettings['groupBy'], string> = {
  file: 'random files',
  speaker: 'whole speakers',
  source: 'whole sources',
};

/** What fine-tuning keeps fixed, as the form says it. */
const FREEZE_NAMES: Record<TrainSettings['freeze'], string> = {
  none: 'nothing (all layers train)',
  frontend: 'the front end',
  tdnn: 'the front end and TDNN',
};

/** Knobs a LID run that adapts a model takes from that model instead. */
const FROM_ADAPTED_MODEL: readonly TrainKnob[] = ['activation', 'initScale'];

type NumberKnob = Exclude<TrainKnob, 'optimizer' | 'activation' | 'groupBy' | 'initFrom' | 'freeze'>;
/** The number fields: their labels and step here; their ranges come from the contract's schema. */
const NUMBER_KNOBS: { key: NumberKnob; label: string; step: number }[] = [
  { key: 'epochs', label: 'Epochs', step: 1 },
  { key: 'learningRate', label: 'Learning rate', step: 0.0001 },
  { key: 'batchSize', label: 'Batch size', step: 1 },
  { key: 'dropout', label: 'Dropout', step: 0.05 },
  { key: 'clip', label: 'Clip norm (0 = off)', step: 0.5 },
  { key: 'initScale', label: 'Init scale', step: 0.1 },
  { key: 'patience', label: 'Patience (0 = off)', step: 1 },
  { key: 'valFraction', label: 'Validation fraction', step: 0.05 },
  { key: 'seed', label: 'Seed', step: 1 },
];


/** Events of jobs this view has not yet been told it started: how many per job, and how many jobs. */
const EARLY_EVENTS_KEPT = 10_000;
const EARLY_JOBS_KEPT = 8;

/** What one example of each model family is, for the pace ("312 clips/s"). */
const EXAMPLES: Record<TrainSettings['kind'], string> = { 'lid-learned': 'clips', 'lid-mfcc': 'clips', asr: 'utterances', wavenet: 'crops' };

/** The union of two histories by epoch (the later list wins for an epoch in both), in epoch order. */
function mergeHistory(stored: EpochPoint[], live: EpochPoint[]): EpochPoint[] {
  const byEpoch = new Map(stored.map((p) => [p.epoch, p]));
  for (const p of live) byEpoch.set(p.epoch, p);
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/** The stored loss trace up to where the live one starts, then the live one. */
function mergeTrace(stored: LossTracePoint[], live: LossTracePoint[]): LossTracePoint[] {
  if (!live.length) return stored;
  return [...stored.filter((p) => p.x < live[0].x), ...live];
}

/** The form's settings before any are chosen (the dataset is filled in when the datasets are known). */
const NO_SETTINGS: TrainSettings = { ...DEFAULT_TRAIN_SETTINGS, dataset: '' };

/** The split a run validated on: its grouping, and the recipe's log lines about the split and the data. */
function ValidationNote({ detail }: { detail: RunDetail }) {
  if (!KNOBS_OF_KIND[detail.kind].includes('groupBy')) return null;
  const lines = detail.log.filter((l) => l.startsWith('validation: ') || l.startsWith('warning: '));
  return (
    <div className="validation-note" data-testid="validation-note">
      <p className="muted">Validation held out {GROUPING_NAMES[detail.settings.groupBy] ?? GROUPING_NAMES.file}.</p>
      {lines.length > 0 && (
        <ul className="muted">
          {lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The Train view. Its form, chosen run and running job are kept across views (sessionStorage). */
export function TrainView() {
  const api = useApi();
  const datasets = useAsync(() => api.datasets(), [api]);
  const engine = useAsync(() => api.engine(), [api]);
  const runs = useAsync(() => api.runs(), [api]);
  const models = useAsync(() => api.models(), [api]);
  // null until the first visit fills in the first dataset offered; after that, an empty field stays empty
  const [storedSettings, setStoredSettings] = useStoredState<TrainSettings | null>('train.settings', null);
  const settings = storedSettings ?? NO_SETTINGS;
  const setSettings = (update: (s: TrainSettings) => TrainSettings) => setStoredSettings((s) => update(s ?? NO_SETTINGS));
  const [job, setJob] = useStoredState<{ jobId: string; runId: string } | null>('train.job', null);
  const [runId, setRunId] = useStoredState<string | null>('train.run', null);
  const [detail, setDetail] = useState<RunDetail | null>(null);
  const [live, setLive] = useState<EpochPoint[]>([]);
  const [liveTrace, setLiveTrace] = useState<LossTracePoint[]>([]);
  const [step, setStep] = useState<TrainProgressPoint | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [datasetMissing, setDatasetMissing] = useState(false);
  /** The run whose settings the form takes when its detail arrives (a run the user picked). */
  const settingsFrom = useRef<string | null>(null);

  const reloadRuns = runs.reload;
  const offeredFor = (kind: TrainSettings['kind']) => (datasets.value ?? []).filter((d) => d.kinds.includes(kind));
  const offered = offeredFor(settings.kind);
  useEffect(() => {
    if (storedSettings === null && datasets.value) {
      const first = datasets.value.find((d) => d.kinds.includes(NO_SETTINGS.kind))?.dir ?? '';
      setStoredSettings((s) => s ?? { ...NO_SETTINGS, dataset: first });
    }
  }, [storedSettings, datasets.value, setStoredSettings]);

  useEffect(() => {
    if (!runId) return setDetail(null);
    let live = true;
    api.run(runId).then(
      (d) => {
        if (!live) return;
        // merge by epoch: epoch events may arrive before the stored history does
        setDetail(d);
        setLive((h) => mergeHistory(d.history, h));
        if (settingsFrom.current === d.id) {
          settingsFrom.current = null;
          setStoredSettings(d.settings);
        }
        // the run ended while another view was shown
        if (job?.runId === d.id && d.status !== 'running') setJob(null);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, runId, job, setJob, setStoredSettings]);

  // A job's first events can arrive before startTraining answers with its id: keep them until it does.
  const jobRef = useRef<string | null>(job?.jobId ?? null);
  const early = useRef(new Map<string, JobEvent[]>());
  const apply = useCallback(
    (event: JobEvent) => {
      if (event.type === 'epoch') setLive((h) => [...h.filter((p) => p.epoch !== event.point.epoch), event.point]);
      else if (event.type === 'trainProgress') {
        const p = event.progress;
        setStep(p);
        if (p.total) setLiveTrace((t) => [...t, { x: p.epoch - 1 + p.done / p.total!, loss: p.loss }]);
      } else if (event.type === 'progress') setMessage(event.message);
      else if (event.type === 'done' || event.type === 'cancelled' || event.type === 'failed') {
        setMessage(event.type === 'done' ? 'Finished.' : event.type === 'cancelled' ? 'Cancelled (checkpoint kept: resume later).' : `Failed: ${event.error}`);
        jobRef.current = null;
        setStep(null);
        setJob(null);
        reloadRuns();
      }
    },
    [reloadRuns, setJob],
  );
  useEffect(
    () =>
      api.onJobEvent((event: JobEvent) => {
        if (event.jobId === jobRef.current) return apply(event);
        const kept = early.current.get(event.jobId) ?? [];
        if (kept.length < EARLY_EVENTS_KEPT) early.current.set(event.jobId, [...kept, event]);
        if (early.current.size > EARLY_JOBS_KEPT) early.current.delete(early.current.keys().next().value!);
      }),
    [api, apply],
  );
  const follow = (jobId: string) => {
    jobRef.current = jobId;
    const kept = early.current.get(jobId) ?? [];
    early.current.delete(jobId);
    kept.forEach(apply);
  };

  const start = async (resume: boolean) => {
    setError(null);
    if (!resume && !settings.dataset.trim()) {
      setDatasetMissing(true);
      return setError('Choose a dataset folder to train on: the Dataset field is empty.');
    }
    try {
      const handle = resume && runId ? await api.resumeTraining(runId) : await api.startTraining(settings);
      if (!resume) {
        setLive([]);
        setLiveTrace([]);
      }
      setStep(null);
      setJob({ jobId: handle.jobId, runId: handle.runId! });
      setRunId(handle.runId);
      setMessage(resume ? 'Resuming…' : 'Starting…');
      follow(handle.jobId);
      runs.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  // Run > Train: as if Start training were pressed, once the form holds its settings (a first visit fills them in)
  const [trainAsked, setTrainAsked] = useState(false);
  useViewCommand('train', () => setTrainAsked(true));
  const formReady = storedSettings !== null || datasets.error !== null;
  useEffect(() => {
    if (!trainAsked || !formReady) return;
    setTrainAsked(false);
    if (job) setError('A run is already training: let it finish or stop it (Run > Cancel) before starting another.');
    else void start(false);
  }, [trainAsked, formReady]);
  const set = <K extends keyof TrainSettings>(key: K, value: TrainSettings[K]) => setSettings((s) => ({ ...s, [key]: value }));
  const chooseKind = (kind: TrainSettings['kind']) =>
    // a demo set of the previous kind gives way to the new kind's; a folder of the user's stays
    setSettings((s) => ({ ...s, kind, dataset: offeredFor(s.kind).some((d) => d.dir === s.dataset) ? offeredFor(kind)[0]?.dir ?? '' : s.dataset }));
  const chooseRun = (id: string | null) => {
    setLive([]);
    setLiveTrace([]);
    settingsFrom.current = id;
    setRunId(id);
  };
  const canResume = !job && detail?.resumable === true;
  const adapting = KNOBS_OF_KIND[settings.kind].includes('initFrom') && settings.initFrom !== '';
  const knobs = KNOBS_OF_KIND[settings.kind].filter((k) => !(adapting && FROM_ADAPTED_MODEL.includes(k)));
  const lidModels = (models.value ?? []).filter((m) => m.kind === 'lid');
  const runKind = detail?.kind ?? settings.kind;
  // the stored trace (a resumed run's earlier epochs, or what ran while another view was shown), then the live one
  const trace = mergeTrace(detail?.id === runId ? detail.lossTrace : [], liveTrace);

  return (
    <div className="view train">
      <h2>Train</h2>
      <p className="engine" data-testid="engine">
        Engine: {engine.value ? `${engine.value.name} (${[`tfjs ${engine.value.version}`, engine.value.kernels ? `${engine.value.kernels} kernels` : '', threadsText(engine.value)].filter(Boolean).join(', ')})` : engine.error ?? '…'}
        {detail?.engine ? ` · run trained on ${detail.engine}` : ''}
      </p>
      <ActionForm className="knobs" onSubmit={() => void start(false)}>
        <Picker label="Model" value={settings.kind} items={MODEL_KINDS.map((k) => ({ id: k, name: KIND_NAMES[k] }))} onChange={chooseKind} />
        <PathField
          label="Dataset"
          purpose="dataset"
          value={settings.dataset}
          invalid={datasetMissing && !settings.dataset.trim()}
          onChange={(path) => (setDatasetMissing(false), set('dataset', path))}
          placeholder="folder with <label>/ subfolders"
          suggestions={{ id: 'datasets', items: offered.map((d) => ({ path: d.dir, name: d.name })) }}
        />
        {knobs.includes('initFrom') && (
          <Picker
            label="Adapt this model"
            value={settings.initFrom}
            items={[{ id: '', name: 'none (train from scratch)' }, ...lidModels.map((m) => ({ id: m.id, name: `${m.name} (${m.labels.join(', ')})` }))]}
            onChange={(id) => set('initFrom', id)}
          />
        )}
        {adapting && <Picker label="Keep fixed" value={settings.freeze} items={FREEZE_CHOICES.map((f) => ({ id: f, name: FREEZE_NAMES[f] }))} onChange={(f) => set('freeze', f)} />}
        <Picker label="Optimiser" value={settings.optimizer} items={itemsOf(OPTIMIZERS)} onChange={(o) => set('optimizer', o)} />
        {knobs.includes('activation') && <Picker label="Activation" value={settings.activation} items={itemsOf(ACTIVATIONS)} onChange={(a) => set('activation', a)} />}
        {knobs.includes('groupBy') && (
          <Picker label="Validation holds out" value={settings.groupBy} items={VALIDATION_GROUPINGS.map((g) => ({ id: g, name: GROUPING_NAMES[g] }))} onChange={(g) => set('groupBy', g)} />
        )}
        {NUMBER_KNOBS.filter((k) => knobs.includes(k.key)).map((k) => (
          <label key={k.key}>
            {k.label}
            <input type="number" step={k.step} {...numberBounds(TrainSettingsSchema.entries[k.key])} value={settings[k.key]} onChange={(e) => set(k.key, Number(e.target.value))} />
          </label>
        ))}
        <div className="actions">
          <button type="submit" disabled={!!job}>Start training</button>
          <button type="button" disabled={!job} onClick={() => job && void api.cancelJob(job.jobId)}>Cancel</button>
          <button type="button" disabled={!canResume} title={detail && !detail.resumable && detail.status === 'failed' ? 'This run saved no checkpoint: start a new run' : undefined} onClick={() => void start(true)}>Resume</button>
        </div>
      </ActionForm>
      {error && <p role="alert" className="error">{error}</p>}
      <label>
        Run{' '}
        <select value={runId ?? ''} onChange={(e) => chooseRun(e.target.value || null)} disabled={!!job}>
          <option value="">(none)</option>
          {(runs.value ?? []).map((r) => (
            <option key={r.id} value={r.id}>{`${r.id} · ${r.status}`}</option>
          ))}
        </select>
      </label>
      {job && (
        <div className="train-progress">
          <ProgressBar
            view={{
              label: 'Run', done: live.length, total: step?.epochs ?? detail?.settings.epochs ?? settings.epochs, unit: 'epochs',
              perSecond: null, rateUnit: '', secondsLeft: step?.secondsLeft ?? null,
            }}
          />
          {step && (
            <ProgressBar
              view={{
                label: `Epoch ${step.epoch}`, done: step.done, total: step.total, unit: 'batches',
                perSecond: step.examplesPerSecond, rateUnit: EXAMPLES[runKind], secondsLeft: step.epochSecondsLeft,
              }}
            />
          )}
        </div>
      )}
      <p role="status" className="muted">{message}</p>
      {!job && detail?.status === 'done' && <RunOutcome detail={detail} />}
      {(runId || live.length > 0) && (
        <TrainingCharts history={live} lossTrace={trace} bestEpoch={job ? null : detail?.bestEpoch ?? null} stoppedEarly={detail?.stoppedEarly ?? false} exportName={runId ? `run-${runId}` : undefined} />
      )}
      {detail && <ValidationNote detail={detail} />}
      {detail?.error && !job && <p className="error">{detail.error}</p>}
    </div>
  );
}
