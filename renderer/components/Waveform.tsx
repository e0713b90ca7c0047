/** The waveform player: wavesurfer.js fed with back-end peaks (never decoding here), space = play/pause, zoom, cursor. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import WaveSurfer from 'wavesurfer.js';
import type { AudioData, Waveform as WaveformData } from '../contract';
import { audioUrl } from '../api/bytes';
import { visibleWindow, type TimeWindow } from './time-window';

/** Props: the peaks and audio of one file, and what to draw under the waveform (spectrogram, segments). */
export interface WaveformProps {
  waveform: WaveformData;
  audio: AudioData | null;
  /** Rendered under the waveform, given the time range it shows now (follows zoom and scroll). */
  children?: (window: TimeWindow) => ReactNode;
}

function formatTime(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(2).padStart(5, '0')}`;
}

/** Waveform with play/pause, zoom and time readout. */
export function Waveform({ waveform, audio, children }: WaveformProps) {
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [zoom, setZoom] = useState(0);
  const [shown, setShown] = useState<TimeWindow>({ startSec: 0, endSec: waveform.durationSec, durationSec: waveform.durationSec });

  useEffect(() => {
    if (!container.current) return;
    const url = audio ? audioUrl(audio) : undefined;
    const ws = WaveSurfer.create({
      container: container.current,
      height: 96,
      waveColor: '#7c8ba1',
      progressColor: '#2f6fde',
      cursorColor: '#e4572e',
      peaks: [waveform.peaks],
      normalize: true,
      duration: waveform.durationSec,
      url,
    });
    surfer.current = ws;
    let pxPerSec = 0;
    const follow = () => setShown(visibleWindow({ durationSec: waveform.durationSec, pxPerSec, scrollPx: ws.getScroll(), widthPx: ws.getWidth() }));
    follow();
    const offs = [
      ws.on('zoom', (minPxPerSec) => ((pxPerSec = minPxPerSec), follow())),
      ws.on('scroll', follow),
      ws.on('resize', follow),
      ws.on('redraw', follow),
      ws.on('play', () => setPlaying(true)),
      ws.on('pause', () => setPlaying(false)),
      ws.on('finish', () => setPlaying(false)),
      ws.on('timeupdate', (t) => setTime(t)),
    ];
    return () => {
      offs.forEach((off) => off());
      ws.destroy();
      surfer.current = null;
      if (url) URL.revokeObjectURL(url);
    };
  }, [waveform, audio]);

  useEffect(() => {
    const ws = surfer.current;
    if (ws && ws.getDuration() > 0) ws.zoom(zoom);
  }, [zoom]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      if (e.code !== 'Space' || target?.closest('input, textarea, select, button')) return;
      e.preventDefault();
      void surfer.current?.playPause();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="waveform" aria-label="Waveform player" data-duration={waveform.durationSec}>
      <div ref={container} className="waveform-canvas" data-testid="waveform" />
      {children?.(shown)}
      <div className="toolbar">
        <button type="button" onClick={() => void surfer.current?.playPause()} disabled={!audio} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <span className="time" aria-live="off">
          {formatTime(time)} / {formatTime(waveform.durationSec)}
        </span>
        <label>
          Zoom
          <input type="range" min={0} max={500} step={10} value={zoom} onChange={(e) => setZoom(Number(e.target.value))} />
        </label>
        <span className="hint">Space: play/pause</span>
      </div>
    </section>
  );
}
