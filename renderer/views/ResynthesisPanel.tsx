/**
 * Resynthesise: pick an audio file and a log-mel vocoder; the file's log-mel goes back to audio by the WaveNet
 * vocoder and by Griffin-Lim (a 'resynth' job); the original and both resyntheses are then shown one under another,
 * equally long and sample-aligned (so their time axes line up), each with its waveform, spectrogram and player.
 */
import { useCallback, useState } from 'react';
import { ResynthRequestSchema, type ModelInfo, type Resynthesis, type ResynthesizedAudio } from '../contract';
import { useApi } from '../api/context';
import { useJobOutcome } from '../api/use-job-outcome';
import { ActionForm } from '../components/ActionForm';
import { FilePanel } from '../components/FilePanel';
import { JobProgress } from '../components/JobProgress';
import { PathField } from '../components/PathField';
import { Picker } from '../components/Picker';
import { numberBounds } from '../components/schema-bounds';

/** A resynthesis's figures against the original, as one line. */
function figures(take: ResynthesizedAudio): string {
  return `LSD ${take.lsdDb.toFixed(1)} dB · MCD ${take.mcdDb.toFixed(1)} dB · level ${take.levelDb >= 0 ? '+' : ''}${take.levelDb.toFixed(1)} dB · real-time factor ${take.realTimeFactor.toFixed(2)}`;
}

/** The Resynthesise panel of the Generate view; `models` are every model (the vocoders among them are offered). */
export function ResynthesisPanel({ models }: { models: readonly ModelInfo[] }) {
  const api = useApi();
  const vocoders = models.filter((m) => m.vocoder);
  const [model, setModel] = useState<string | null>(null);
  const chosen = vocoders.find((m) => m.id === model) ?? vocoders.find((m) => m.id === 'demo-vocoder') ?? vocoders[0] ?? null;
  const [file, setFile] = useState('');
  const [seed, setSeed] = useState(1);
  const [result, setResult] = useState<Resynthesis | null>(null);
  const { jobId, setJobId, message, setMessage } = useJobOutcome('Resynthesised.', useCallback((r: unknown) => setResult(r as Resynthesis), []));

  const start = async () => {
    if (!file.trim()) return setMessage('Choose an audio file to resynthesise.');
    try {
      setMessage('Resynthesising…');
      setResult(null);
      setJobId((await api.resynthesize({ ...(chosen ? { model: chosen.id } : {}), file: file.trim(), seed })).jobId);
    } catch (e) {
      setMessage(`Failed: ${(e as Error).message}`);
    }
  };

  const rows = result
    ? [
        { name: 'Original', id: result.original, note: result.file },
        { name: 'Griffin-Lim', id: result.griffinLim.audio, note: figures(result.griffinLim) },
        { name: 'WaveNet', id: result.wavenet.audio, note: figures(result.wavenet) },
      ]
    : [];
  return (
    <section className="resynthesis" aria-label="Resynthesise">
      <h3>Resynthesise</h3>
      <p className="muted">A file&apos;s log-mel back to audio: by a WaveNet vocoder and by Griffin-Lim from the same frames, beside the original.</p>
      <ActionForm onSubmit={() => void start()}>
        <Picker label="Vocoder" value={chosen?.id ?? ''} items={vocoders.map((m) => ({ id: m.id, name: `${m.name} (${m.source === 'demo' ? 'bundled' : 'trained'})` }))} onChange={setModel} />
        <PathField label="Audio file" value={file} onChange={setFile} purpose="files" placeholder="a wav, flac, mp3… file" title="Choose a file to resynthesise" />
        <label>Seed <input type="number" {...numberBounds(ResynthRequestSchema.entries.seed)} step={1} value={seed} onChange={(e) => setSeed(Number(e.target.value))} /></label>
        <button type="submit" disabled={!!jobId || !chosen}>Resynthesise</button>
        <button type="button" disabled={!jobId} onClick={() => jobId && void api.cancelJob(jobId)}>Cancel</button>
      </ActionForm>
      {!vocoders.length && <p className="muted">No vocoder: train a WaveNet with log-mel conditioning (kielo train wavenet --condition mel).</p>}
      <JobProgress tasks={['resynth']} withCancel={false} />
      <p role="status" className="muted" data-testid="resynthesis-status">{message}</p>
      {result && (
        <p className="muted">
          {result.duration.toFixed(2)} s, {result.frames} log-mel frames at {result.sampleRate} Hz; the three share one time axis.
        </p>
      )}
      {rows.map((row) => (
        <div key={row.id} className="resynthesis-take" data-testid={`take-${row.name}`}>
          <h4>
            {row.name} <span className="muted">{row.note}</span>
          </h4>
          <FilePanel id={row.id} />
        </div>
      ))}
    </section>
  );
}
