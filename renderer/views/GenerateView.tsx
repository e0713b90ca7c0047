/**
 * Generate: a generation model and one of its labels, temperature and seed (a log-mel vocoder babbles from the
 * bundled unit prior); progress; the list, which sample plays; save. Under it, the Resynthesise panel (a file through a log-mel vocoder and Griffin-Lim).
 */
import { useCallback, useState } from 'react';
import { DEFAULT_GENERATE_SETTINGS, GenerateSettingsSchema, type GeneratedSample } from '../contract';
import { useApi } from '../api/context';
import { audioUrl } from '../api/bytes';
import { useAsync } from '../api/use-async';
import { useJobOutcome } from '../api/use-job-outcome';
import { ActionForm } from '../components/ActionForm';
import { JobProgress } from '../components/JobProgress';
import { FilePanel } from '../components/FilePanel';
import { Picker } from '../components/Picker';
import { numberBounds } from '../components/schema-bounds';
import { ResynthesisPanel } from './ResynthesisPanel';

/** The model kinds that generate audio. */
const GENERATIVE_KINDS: readonly string[] = ['wavenet'];

/** The Generate view. */
export function GenerateView() {
  const api = useApi();
  const samples = useAsync(() => api.generated(), [api]);
  const models = useAsync(() => api.models(), [api]);
  // a vocoder generates from log-mel frames: here it babbles from the bundled unit prior; a file's frames are in the
  // Resynthesise panel below
  const generators = (models.value ?? []).filter((m) => GENERATIVE_KINDS.includes(m.kind));
  const [model, setModel] = useState<string | null>(null);
  const chosen = generators.find((m) => m.id === model) ?? generators[0] ?? null;
  const [playing, setPlaying] = useState(false);
  const [seconds, setSeconds] = useState(DEFAULT_GENERATE_SETTINGS.seconds);
  const [temperature, setTemperature] = useState(DEFAULT_GENERATE_SETTINGS.temperature);
  const [label, setLabel] = useState('');
  const [seed, setSeed] = useState(DEFAULT_GENERATE_SETTINGS.seed);
  const [selected, setSelected] = useState<string | null>(null);
  const reload = samples.reload;
  const { jobId, setJobId, message, setMessage } = useJobOutcome('Done.', useCallback((result: unknown) => {
    setSelected((result as GeneratedSample | null)?.id ?? null);
    reload();
  }, [reload]));

  const start = async () => {
    try {
      setMessage('Generating…');
      setJobId((await api.generate({ ...(chosen ? { model: chosen.id } : {}), seconds, temperature, seed, ...(label ? { label } : {}), ...(chosen?.vocoder ? { babble: true } : {}) })).jobId);
    } catch (e) {
      setMessage(`Failed: ${(e as Error).message}`);
    }
  };
  const save = async (sample: GeneratedSample) => {
    const url = audioUrl(await api.generatedAudio(sample.id));
    const a = document.createElement('a');
    a.href = url;
    a.download = sample.file;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="view">
      <h2>Generate</h2>
      <ActionForm onSubmit={() => void start()}>
        <Picker label="Model" value={chosen?.id ?? ''} items={generators.map((m) => ({ id: m.id, name: `${m.name} (${m.source === 'demo' ? 'bundled' : 'trained'})${m.vocoder ? ': babble from the unit prior' : ''}` }))} onChange={(id) => (setModel(id), setLabel(''))} />
        <Picker label="Label" value={label} items={[{ id: '', name: chosen?.labels.length ? '(any)' : '(the model has no labels)' }, ...(chosen?.labels ?? []).map((l) => ({ id: l, name: l }))]} onChange={setLabel} />
        <label>Seconds <input type="number" {...numberBounds(GenerateSettingsSchema.entries.seconds)} step={0.1} value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} /></label>
        <label>Temperature <input type="number" {...numberBounds(GenerateSettingsSchema.entries.temperature)} step={0.05} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} /></label>
        <label>Seed <input type="number" {...numberBounds(GenerateSettingsSchema.entries.seed)} step={1} value={seed} onChange={(e) => setSeed(Number(e.target.value))} /></label>
        <button type="submit" disabled={!!jobId || !chosen}>Generate</button>
        <button type="button" disabled={!jobId} onClick={() => jobId && void api.cancelJob(jobId)}>Cancel</button>
      </ActionForm>
      {!generators.length && !models.loading && <p className="muted">No generation model: train a WaveNet in Train.</p>}
      <JobProgress tasks={['generate']} withCancel={false} />
      <p role="status" className="muted">{message}</p>
      {samples.error && <p role="alert" className="error">{samples.error}</p>}
      <ul className="samples" aria-label="Generated samples">
        {(samples.value ?? []).map((s) => (
          <li key={s.id} className={s.id === selected ? 'selected' : undefined} aria-current={s.id === selected ? 'true' : undefined}>
            <button type="button" className="link" onClick={() => (setSelected(s.id), setPlaying(false))}>{s.file}</button>
            {s.id === selected && <span className="now-playing" data-testid="now-playing">{playing ? ' ▶ playing' : ' · in the player'}</span>}
            <span className="muted"> {s.model} · {s.seconds} s · T={s.temperature} · seed {s.seed}{s.label ? ` · ${s.label}` : ''}</span>
            <button type="button" onClick={() => void save(s)}>Save WAV</button>
          </li>
        ))}
      </ul>
      {selected && <FilePanel key={selected} id={selected} onPlayingChange={setPlaying} />}
      <ResynthesisPanel models={models.value ?? []} />
    </div>
  );
}
