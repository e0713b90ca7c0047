/** The audio views' choices: the file as it is or as the models hear it, normalised or not, and the spectrogram's kind. */
import { SPECTROGRAM_WINDOWS, type AudioView } from '../contract';
import type { SpectrogramSettings } from './SpectrogramView';

/** The choices a FilePanel keeps. */
export interface AudioViewChoices {
  view: AudioView;
  normalise: boolean;
  spectrogram: SpectrogramSettings;
}

/** Defaults: the file as it is, honest levels, a wideband linear STFT over 70 dB of the mix. */
export const DEFAULT_AUDIO_VIEW: AudioViewChoices = {
  view: 'file',
  normalise: false,
  spectrogram: { scale: 'linear', windowSec: SPECTROGRAM_WINDOWS.wideband, rangeDb: 70, normalise: false, channel: null },
};

/** Dynamic ranges offered (dB). */
export const RANGES_DB = [50, 70, 90] as const;

/** The controls, for a file of `channels` channels at `sampleRate`. */
export function AudioViewControls({ value, onChange, channels, sampleRate }: { value: AudioViewChoices; onChange(v: AudioViewChoices): void; channels: number; sampleRate: number }) {
  const spec = value.spectrogram;
  const setSpec = (s: Partial<SpectrogramSettings>) => onChange({ ...value, spectrogram: { ...spec, ...s } });
  const windowMs = Math.round(spec.windowSec * 10000) / 10;
  return (
    <div className="toolbar audio-view-controls" role="group" aria-label="Audio view">
      <label>
        Show
        <select aria-label="Show" value={value.view} onChange={(e) => onChange({ ...value, view: e.target.value as AudioView })}>
          <option value="file">The file as it is ({sampleRate} Hz, {channels} ch)</option>
          <option value="model">As the models hear it (16000 Hz, mono)</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={value.normalise} onChange={(e) => onChange({ ...value, normalise: e.target.checked, spectrogram: { ...spec, normalise: e.target.checked } })} />
        Normalise view
      </label>
      <label>
        Spectrogram
        <select aria-label="Spectrogram" value={spec.scale} onChange={(e) => setSpec({ scale: e.target.value as SpectrogramSettings['scale'] })}>
          <option value="linear">Linear frequency (STFT)</option>
          <option value="mel">Log-mel</option>
        </select>
      </label>
      <label>
        Window
        <select aria-label="Window" value={windowMs === 5 ? 'wideband' : windowMs === 30 ? 'narrowband' : 'other'} onChange={(e) => e.target.value !== 'other' && setSpec({ windowSec: SPECTROGRAM_WINDOWS[e.target.value as keyof typeof SPECTROGRAM_WINDOWS] })}>
          <option value="wideband">Wideband (5 ms)</option>
          <option value="narrowband">Narrowband (30 ms)</option>
          <option value="other">Other</option>
        </select>
        <input type="number" aria-label="Window length (ms)" min={1} max={200} step={0.5} value={windowMs} onChange={(e) => Number(e.target.value) >= 1 && Number(e.target.value) <= 200 && setSpec({ windowSec: Number(e.target.value) / 1000 })} size={4} /> ms
      </label>
      <label>
        Range
        <select aria-label="Dynamic range" value={spec.rangeDb} onChange={(e) => setSpec({ rangeDb: Number(e.target.value) })}>
          {RANGES_DB.map((r) => <option key={r} value={r}>{r} dB</option>)}
        </select>
      </label>
      {channels > 1 && value.view === 'file' && (
        <label>
          Channel
          <select aria-label="Spectrogram channel" value={spec.channel ?? ''} onChange={(e) => setSpec({ channel: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">Mix</option>
            {Array.from({ length: channels }, (_, c) => <option key={c} value={c}>{channels === 2 ? ['Left', 'Right'][c] : `Channel ${c + 1}`}</option>)}
          </select>
        </label>
      )}
    </div>
  );
}
