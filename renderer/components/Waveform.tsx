/**
 * The waveform player. wavesurfer.js plays the back end's WAV and owns zoom, scroll, cursor and the drag-selected
 * region (its Regions plugin); the waveform itself is drawn here from stretches the back end computes for the
 * visible time range at the display's resolution (never decoding here): every channel in its lane, at full scale
 * unless the view is normalised, down to single samples.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { AudioData, AudioView, Waveform as WaveformData } from '../contract';
import { audioUrl } from '../api/bytes';
import { useApi } from '../api/context';
import { AmplitudeAxis, TimeAxis } from './axes';
import { dbfsLabel } from './axis-ticks';
import { drawWave } from './wave-draw';
import { maxPxPerSec, visibleWindow, zoomPxPerSec, ZOOM_STEPS, type TimeWindow } from './time-window';
import { useElementWidth } from './use-element-width';

/** Props: which file and view, its overview (length, rate, channels, peak), its audio, and rows drawn under it. */
export interface WaveformProps {
  id: string;
  view: AudioView;
  overview: WaveformData;
  audio: AudioData | null;
  /** Scale each lane to the file's peak instead of full scale. */
  normalise: boolean;
  /** Told when playback starts and stops. */
  onPlayingChange?(playing: boolean): void;
  /** Rendered under the waveform, given the time range it shows now (follows zoom and scroll). */
  children?: (window: TimeWindow) => ReactNode;
}

/** A time as m:ss.sss. */
export function formatTime(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(3).padStart(6, '0')}`;
}

/** Height of one channel's lane in CSS px. */
export function laneHeightOf(channels: number): number {
  return channels > 1 ? 80 : 120;
}

/** Waveform with play/pause, selection, zoom down to samples, axes and a pointer readout. */
export function Waveform({ id, view, overview, audio, normalise, onPlayingChange, children }: WaveformProps) {
  const api = useApi();
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const regions = useRef<InstanceType<typeof RegionsPlugin> | null>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [zoom, setZoom] = useState(0);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const [pointer, setPointer] = useState<number | null>(null);
  const { durationSec, sampleRate } = overview;
  const [shown, setShown] = useState<TimeWindow>({ startSec: 0, endSec: durationSec, durationSec });
  const [stack, widthPx] = useElementWidth<HTMLDivElement>();
  const [stretch, setStretch] = useState<WaveformData>(overview);
  const nch = overview.channels.length;
  const laneHeight = laneHeightOf(nch);
  const fullScale = normalise && overview.peak > 0 ? overview.peak : 1;
  const playingChange = useRef(onPlayingChange);
  playingChange.current = onPlayingChange;

  useEffect(() => {
    if (!container.current) return;
    const url = audio ? audioUrl(audio) : undefined;
    const plugin = RegionsPlugin.create();
    const ws = WaveSurfer.create({
      container: container.current,
      height: laneHeight * nch,
      waveColor: 'transparent',
      progressColor: 'transparent',
      cursorColor: '#e4572e',
      cursorWidth: 2,
      peaks: [[0]],
      duration: durationSec,
      renderFunction: () => {},
      url,
      plugins: [plugin],
    });
    surfer.current = ws;
    regions.current = plugin;
    plugin.enableDragSelection({ color: 'rgba(47, 111, 222, 0.22)' });
    const select = (region: Region) => {
      for (const other of plugin.getRegions()) if (other !== region) other.remove();
      setSelection({ start: region.start, end: region.end });
    };
    let pxPerSec = 0;
    const follow = () => setShown(visibleWindow({ durationSec, pxPerSec, scrollPx: ws.getScroll(), widthPx: ws.getWidth() }));
    follow();
    const playState = (p: boolean) => (setPlaying(p), playingChange.current?.(p));
    const offs = [
      ws.on('zoom', (minPxPerSec) => ((pxPerSec = minPxPerSec), follow())),
      ws.on('scroll', follow),
      ws.on('resize', follow),
      ws.on('redraw', follow),
      ws.on('play', () => playState(true)),
      ws.on('pause', () => playState(false)),
      ws.on('finish', () => playState(false)),
      ws.on('timeupdate', (t) => setTime(t)),
      plugin.on('region-created', select),
      plugin.on('region-updated', select),
      plugin.on('region-removed', () => plugin.getRegions().length || setSelection(null)),
    ];
    return () => {
      offs.forEach((off) => off());
      ws.destroy();
      surfer.current = null;
      regions.current = null;
      setSelection(null);
      if (url) URL.revokeObjectURL(url);
    };
  }, [audio, durationSec, laneHeight, nch]);

  useEffect(() => {
    const ws = surfer.current;
    if (ws && ws.getDuration() > 0) ws.zoom(zoomPxPerSec(zoom, ws.getWidth() / durationSec, maxPxPerSec(sampleRate, durationSec)));
  }, [zoom, durationSec, sampleRate]);

  // The stretch on screen, at one column per device pixel (a short wait so scrolling asks once).
  const columns = Math.max(10, Math.round(widthPx * (window.devicePixelRatio || 1)));
  useEffect(() => {
    if (!(widthPx > 0)) return;
    let live = true;
    const timer = setTimeout(() => {
      api.waveform(id, { view, startSec: shown.startSec, endSec: shown.endSec, columns }).then((w) => live && setStretch(w), () => {});
    }, 40);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, id, view, shown.startSec, shown.endSec, columns, widthPx]);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !(widthPx > 0)) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(widthPx * dpr);
    c.height = Math.round(laneHeight * nch * dpr);
    drawWave(ctx, stretch, { width: c.width, laneHeight: laneHeight * dpr, fullScale }, '#4d6fa8');
  }, [stretch, widthPx, laneHeight, nch, fullScale]);

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

  const onMove = (e: React.MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    setPointer(shown.startSec + ((e.clientX - box.left) / box.width) * (shown.endSec - shown.startSec));
  };
  const playSelection = () => regions.current?.getRegions()[0]?.play(true);
  const channelName = (c: number) => (nch === 2 ? ['L', 'R'][c] : `${c + 1}`);

  return (
    <section className="waveform" aria-label="Waveform player" data-duration={durationSec} data-px-per-sec={zoom > 0 ? Math.round(zoomPxPerSec(zoom, widthPx / durationSec, maxPxPerSec(sampleRate, durationSec))) : 0}>
      <div className="lanes" ref={stack} onMouseMove={onMove} onMouseLeave={() => setPointer(null)}>
        {overview.channels.map((_, c) => (
          <AmplitudeAxis key={c} fullScale={fullScale} heightPx={laneHeight} top={c * laneHeight} />
        ))}
        {nch > 1 && overview.channels.map((_, c) => <span key={c} className="lane-name" style={{ top: c * laneHeight }}>{channelName(c)}</span>)}
        <canvas ref={canvas} className="wave-canvas" data-testid="wave-canvas" data-exact={stretch.exact} style={{ height: laneHeight * nch }} />
        <div ref={container} className="waveform-canvas" data-testid="waveform" />
      </div>
      {children?.(shown)}
      <TimeAxis window={shown} widthPx={widthPx} />
      <div className="toolbar">
        <button type="button" onClick={() => void surfer.current?.playPause()} disabled={!audio} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={playSelection} disabled={!audio || !selection}>Play selection</button>
        <span className="time" aria-live="off">
          {formatTime(time)} / {formatTime(durationSec)}
        </span>
        <span data-testid="selection">{selection ? `Selection ${selection.start.toFixed(3)}–${selection.end.toFixed(3)} s (${(selection.end - selection.start).toFixed(3)} s)` : 'Drag on the waveform to select'}</span>
        <output aria-label="Time under the pointer">{pointer === null ? '' : `${pointer.toFixed(4)} s`}</output>
      </div>
      <div className="toolbar">
        <label>
          Zoom
          <input type="range" aria-label="Zoom" min={0} max={ZOOM_STEPS} step={10} value={zoom} onChange={(e) => setZoom(Number(e.target.value))} />
        </label>
        <button type="button" onClick={() => setZoom(0)} disabled={zoom === 0}>Fit</button>
        <span className="muted">
          {sampleRate} Hz · {nch} channel{nch > 1 ? 's' : ''} · peak {dbfsLabel(overview.peak)} · amplitude linear, 1 = 0 dBFS{normalise ? ' (normalised view)' : ''}
        </span>
        <span className="hint">Space: play/pause</span>
      </div>
    </section>
  );
}
