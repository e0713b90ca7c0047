/** One file shown: view choices, waveform player, spectrogram under it, and optional extra rows (language regions). */
import { useState, type ReactNode } from 'react';
import { useApi } from '../api/context';
import { useAsync } from '../api/use-async';
import { AudioViewControls, DEFAULT_AUDIO_VIEW, type AudioViewChoices } from './AudioViewControls';
import { SpectrogramView } from './SpectrogramView';
import type { TimeWindow } from './time-window';
import { Waveform } from './Waveform';

/** Waveform + spectrogram of the file (or generated sample) `id`; `below` draws rows given the visible window. */
export function FilePanel({ id, below, onPlayingChange }: { id: string; below?: (window: TimeWindow) => ReactNode; onPlayingChange?(playing: boolean): void }) {
  const api = useApi();
  const [choices, setChoices] = useState<AudioViewChoices>(DEFAULT_AUDIO_VIEW);
  const { view } = choices;
  const loaded = useAsync(async () => {
    const [overview, audio] = await Promise.all([api.waveform(id, { view, columns: 2000 }), api.audio(id, view)]);
    return { overview, audio };
  }, [api, id, view]);
  const file = useAsync(() => api.waveform(id, { view: 'file', columns: 10 }), [api, id]);
  if (loaded.error) return <p role="alert" className="error">{loaded.error}</p>;
  if (!loaded.value) return <p className="muted">Loading waveform…</p>;
  const { overview, audio } = loaded.value;
  const spectrogram = view === 'model' ? { ...choices.spectrogram, channel: null } : choices.spectrogram;
  return (
    <div className="file-panel">
      <AudioViewControls value={choices} onChange={setChoices} channels={file.value?.channels.length ?? overview.channels.length} sampleRate={file.value?.sampleRate ?? overview.sampleRate} />
      <Waveform key={view} id={id} view={view} overview={overview} audio={audio} normalise={choices.normalise} onPlayingChange={onPlayingChange}>
        {(window) => (
          <>
            {below?.(window)}
            <SpectrogramView id={id} view={view} settings={spectrogram} window={window} />
          </>
        )}
      </Waveform>
    </div>
  );
}
