/** Generate: WaveNet samples with temperature, label and seed; progress; play in the player; save; the list. */
import { useEffect, useState } from 'react';
import { DEFAULT_GENERATE_SETTINGS, GenerateSettingsSchema, type GeneratedSample, type JobEvent } from '../contract';
import { useApi } from '../api/context';
import { audioUrl } from '../api/bytes';
import { useAsync } from '../api/use-async';
import { ActionForm } from '../components/ActionForm';
import { FilePanel } from '../components/FilePanel';
import { numberBounds } from '../components/schema-bounds';

/** The Generate view. */
export function GenerateView() {
  const api = useApi();
  const samples = useAsync(() => api.generated(), [api]);
  const [seconds, setSeconds] = useState(DEFAULT_GENERATE_SETTINGS.seconds);
  const [temperature, setTemperature] = useState(DEFAULT_GENERATE_SETTINGS.temperature);
  const [label, setLabel] = useState('');
  const [seed, setSeed] = useState(DEFAULT_GENERATE_SETTINGS.seed);
  const [jobId, setJobId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const reload = samples.reload;

  useEffect(
    () =>
      api.onJobEvent((event: JobEvent) => {
        if (event.jobId !== jobId) return;
        if (event.type === 'progress') setMessage(event.message);
        if (event.type === 'done') {
          setJobId(null);
          setMessage('Done.');
          setSelected((event.result as GeneratedSample | null)?.id ?? null);
          reload();
        }
        if (event.type === 'failed' || event.type === 'cancelled') {
          setJobId(null);
          setMessage(event.type === 'failed' ? `Failed: ${event.error}` : 'Cancelled.');
        }
      }),
    [api, jobId, reload],
  );

  const start = async () => {
    try {
      setMessage('Generating…');
      setJobId((await api.generate({ seconds, temperature, seed, ...(label.trim() ? { label: label.trim() } : {}) })).jobId);
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
        <label>Seconds <input type="number" {...numberBounds(GenerateSettingsSchema.entries.seconds)} step={0.1} value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} /></label>
        <label>Temperature <input type="number" {...numberBounds(GenerateSettingsSchema.entries.temperature)} step={0.05} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} /></label>
        <label>Label <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="(any)" size={8} /></label>
        <label>Seed <input type="number" {...numberBounds(GenerateSettingsSchema.entries.seed)} step={1} value={seed} onChange={(e) => setSeed(Number(e.target.value))} /></label>
        <button type="submit" disabled={!!jobId}>Generate</button>
        <button type="button" disabled={!jobId} onClick={() => jobId && void api.cancelJob(jobId)}>Cancel</button>
      </ActionForm>
      {jobId && <progress aria-label="Generating" />}
      <p role="status" className="muted">{message}</p>
      {samples.error && <p role="alert" className="error">{samples.error}</p>}
      <ul className="samples" aria-label="Generated samples">
        {(samples.value ?? []).map((s) => (
          <li key={s.id} className={s.id === selected ? 'selected' : undefined}>
            <button type="button" className="link" onClick={() => setSelected(s.id)}>{s.file}</button>
            <span className="muted"> {s.seconds} s · T={s.temperature} · seed {s.seed}{s.label ? ` · ${s.label}` : ''}</span>
            <button type="button" onClick={() => void save(s)}>Save WAV</button>
          </li>
        ))}
      </ul>
      {selected && <FilePanel key={selected} id={selected} />}
    </div>
  );
}
