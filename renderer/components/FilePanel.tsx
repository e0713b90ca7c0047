/** One file shown: waveform player, spectrogram under it, and optional extra rows (language regions). */
import type { ReactNode } from 'react';
import { useApi } from '../api/context';
import { useAsync } from '../api/use-async';
import { SpectrogramView } from './SpectrogramView';
import { TimeTrack } from './TimeTrack';
import type { TimeWindow } from './time-window';
import { Waveform } from './Waveform';

/** Waveform + spectrogram of the file (or generated sample) `id`; `below` draws rows given the visible window. */
export function FilePanel({ id, below }: { id: string; below?: (window: TimeWindow) => ReactNode }) {
  const api = useApi();
  const view = useAsync(async () => {
    const [waveform, spectrogram, audio] = await Promise.all([api.waveform(id, 2000), api.spectrogram(id), api.audio(id)]);
    return { waveform, spectrogram, audio };
  }, [api, id]);
  if (view.error) return <p role="alert" className="error">{view.error}</p>;
  if (!view.value) return <p className="muted">Loading waveform…</p>;
  return (
    <Waveform waveform={view.value.waveform} audio={view.value.audio}>
      {(window) => (
        <>
          {below?.(window)}
          <TimeTrack window={window}>
            <SpectrogramView data={view.value!.spectrogram} />
          </TimeTrack>
        </>
      )}
    </Waveform>
  );
}
