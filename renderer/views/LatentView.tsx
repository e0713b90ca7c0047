/**
 * Latent: the files of a folder placed by their mean code under a generative model (PCA to 2-D), coloured by label
 * folder. Hover names a file; a click plays it and then its reconstruction; a second point makes a pair whose
 * interpolation path plays; Sample plays a VAE's or GAN's samples. The model's training curves and the compression
 * curve sit beside the map.
 */
import { useEffect, useRef, useState } from 'react';
import type { AudioData, LatentAudioRequestInput, LatentMap, LatentPoint } from '../contract';
import { useApi } from '../api/context';
import { audioUrl } from '../api/bytes';
import { useAsync } from '../api/use-async';
import { LineChart, PALETTE, type Series } from '../components/charts';

const W = 460;
const H = 360;
const PAD = 16;

/** The map's scatter plot: one dot per file, `a` and `b` ringed. */
function Scatter({ map, a, b, onHover, onPick }: { map: LatentMap; a: LatentPoint | null; b: LatentPoint | null; onHover: (p: LatentPoint | null) => void; onPick: (p: LatentPoint) => void }) {
  const labels = [...new Set(map.points.map((p) => p.label))].sort();
  const xs = map.points.map((p) => p.x);
  const ys = map.points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => PAD + ((x - x0) / (x1 - x0 || 1)) * (W - 2 * PAD);
  const sy = (y: number) => H - PAD - ((y - y0) / (y1 - y0 || 1)) * (H - 2 * PAD);
  const colour = (label: string) => PALETTE[labels.indexOf(label) % PALETTE.length];
  return (
    <figure className="chart latent-map" style={{ width: W + 20 }}>
      <figcaption>
        {map.points.length} files by their mean code ({map.code} numbers), first two principal components
        ({(100 * map.explained[0]).toFixed(0)}% and {(100 * map.explained[1]).toFixed(0)}% of the variance)
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Latent map" data-testid="latent-map" onMouseLeave={() => onHover(null)}>
        {a && b && <line x1={sx(a.x)} y1={sy(a.y)} x2={sx(b.x)} y2={sy(b.y)} stroke="#444" strokeDasharray="4 3" />}
        {map.points.map((p) => (
          <circle
            key={p.file}
            cx={sx(p.x)}
            cy={sy(p.y)}
            r={p === a || p === b ? 6 : 4}
            fill={colour(p.label)}
            stroke={p === a || p === b ? '#000' : 'none'}
            strokeWidth={2}
            data-file={p.name}
            onMouseEnter={() => onHover(p)}
            onClick={() => onPick(p)}
            style={{ cursor: 'pointer' }}
          >
            <title>{`${p.name} (${p.label || 'no label'})`}</title>
          </circle>
        ))}
        {a && <text x={sx(a.x) + 8} y={sy(a.y) - 6} className="tick">A</text>}
        {b && <text x={sx(b.x) + 8} y={sy(b.y) - 6} className="tick">B</text>}
      </svg>
      <div className="legend">
        {labels.map((l) => (
          <span key={l}>
            <i style={{ background: colour(l) }} /> {l || '(no label)'}
          </span>
        ))}
      </div>
    </figure>
  );
}

/** The training curves of the model: ELBO parts (VAE), both players' losses (GAN), or the reconstruction loss (AE). */
function Curves({ map }: { map: LatentMap }) {
  const c = map.curves;
  if (!c) return <p className="muted">The model holds no training curves.</p>;
  const epochSeries = (name: string, colour: string, value: (v: Record<string, number>) => number): Series => ({
    name, colour, points: c.epochs.filter((e) => e.validation).map((e) => ({ x: e.epoch, y: value(e.validation!) })),
  });
  if (map.kind === 'gan') {
    const steps = (name: string, colour: string): Series => ({ name, colour, thin: true, points: (c.steps[name] ?? []).map((y, x) => ({ x: x + 1, y })) });
    return <LineChart title="GAN losses per step" xLabel="step" yLabel="loss" series={[steps('discriminator', PALETTE[0]), steps('generator', PALETTE[1])]} />;
  }
  if (map.kind === 'vae') {
    return (
      <>
        <LineChart title="Validation ELBO (nats per frame)" xLabel="epoch" yLabel="nats / frame" series={[epochSeries('ELBO', PALETTE[0], (v) => -v.loss), epochSeries('-reconstruction', PALETTE[1], (v) => -v.reconstruction)]} />
        <LineChart title="KL term (nats per frame)" xLabel="epoch" yLabel="nats / frame" series={[epochSeries('KL', PALETTE[2], (v) => v.kl)]} />
      </>
    );
  }
  return <LineChart title="Reconstruction error (normalised MSE)" xLabel="epoch" series={[{ name: 'train', colour: PALETTE[0], points: c.epochs.map((e) => ({ x: e.epoch, y: e.trainLoss })) }, epochSeries('validation', PALETTE[1], (v) => v.loss)]} />;
}

/** The compression curve: held-out reconstruction error against bits per second, autoencoder against the 2-D DCT. */
function Compression({ map }: { map: LatentMap }) {
  if (!map.compression?.length) return <p className="muted">No compression curve beside this model (scripts/generative/compression-curve.ts makes one).</p>;
  const bits = [...new Set(map.compression.map((r) => r.bits))].sort((x, y) => x - y);
  const series: Series[] = bits.flatMap((b, i) => {
    const rows = map.compression!.filter((r) => r.bits === b).sort((x, y) => x.bitsPerSecond - y.bitsPerSecond);
    return [
      { name: `autoencoder ${b} bit`, colour: PALETTE[2 * i], points: rows.map((r) => ({ x: r.bitsPerSecond, y: r.autoencoderDb })) },
      { name: `2-D DCT (MFCC) ${b} bit`, colour: PALETTE[2 * i + 1], dashed: true, points: rows.map((r) => ({ x: r.bitsPerSecond, y: r.dctDb })) },
    ];
  });
  return <LineChart title="Compression: held-out log-mel error vs bits per second" xLabel="bits / s" yLabel="dB" series={series} />;
}

/** The Latent view. */
export function LatentView() {
  const api = useApi();
  const map = useAsync(() => api.latentMap({}), [api]);
  const [hover, setHover] = useState<LatentPoint | null>(null);
  const [a, setA] = useState<LatentPoint | null>(null);
  const [b, setB] = useState<LatentPoint | null>(null);
  const [status, setStatus] = useState('');
  const [seed, setSeed] = useState(1);
  const player = useRef<HTMLAudioElement>(null);
  const queue = useRef<{ what: string; load: () => Promise<AudioData> }[]>([]);
  const url = useRef<string | null>(null);

  const playNext = async () => {
    const next = queue.current.shift();
    if (!next || !player.current) return;
    setStatus(`Loading ${next.what}…`);
    try {
      const data = await next.load();
      if (url.current) URL.revokeObjectURL(url.current);
      url.current = audioUrl(data);
      player.current.src = url.current;
      setStatus(`Playing ${next.what}`);
      await player.current.play().catch(() => undefined); // autoplay may be refused; the controls still work
    } catch (e) {
      setStatus(`Failed: ${(e as Error).message}`);
    }
  };
  const play = (items: { what: string; request: LatentAudioRequestInput }[]) => {
    queue.current = items.map(({ what, request }) => ({ what, load: () => api.latentAudio(request) }));
    void playNext();
  };
  useEffect(() => () => void (url.current && URL.revokeObjectURL(url.current)), []);

  const pick = (p: LatentPoint) => {
    if (!a || b || p === a) {
      setA(p);
      setB(null);
      play([
        { what: `${p.name}`, request: { what: 'file', file: p.file } },
        { what: `its reconstruction`, request: { what: 'reconstruction', file: p.file } },
      ]);
    } else {
      setB(p);
      play([{ what: `the path from ${a.name} to ${p.name}`, request: { what: 'interpolation', file: a.file, to: p.file } }]);
    }
  };
  const m = map.value;
  const figures = m?.figures ?? {};
  return (
    <div className="view latent-view">
      <h2>Latent</h2>
      {map.loading && <p className="muted">Encoding the files…</p>}
      {map.error && <p role="alert" className="error">{map.error}</p>}
      {m && (
        <>
          <p className="muted" data-testid="latent-summary">
            {m.kind.toUpperCase()} {m.model}: {m.folder}
            {figures.valElboPerFrame !== undefined && ` · validation ELBO ${figures.valElboPerFrame.toFixed(2)} nats/frame`}
            {figures.valReconstructionDb !== undefined && ` · held-out reconstruction ${figures.valReconstructionDb.toFixed(2)} dB`}
            {m.skipped.length > 0 && ` · ${m.skipped.length} files left out (${m.skipped[0].reason})`}
          </p>
          <div className="latent-layout" style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start' }}>
            <section aria-label="Map">
              {m.points.length > 0 ? <Scatter map={m} a={a} b={b} onHover={setHover} onPick={pick} /> : <p className="muted">A GAN has no encoder: no map, but its samples play.</p>}
              <p className="muted" data-testid="latent-hover" aria-live="polite">{hover ? `${hover.name} (${hover.label || 'no label'})` : 'Hover a dot for its file; click to hear it and its reconstruction; click a second dot to hear the path between them.'}</p>
              <div className="actions">
                <button type="button" disabled={!a} onClick={() => a && play([{ what: a.name, request: { what: 'file', file: a.file } }])}>Play A</button>
                <button type="button" disabled={!a} onClick={() => a && play([{ what: `the reconstruction of ${a.name}`, request: { what: 'reconstruction', file: a.file } }])}>Reconstruction of A</button>
                <button type="button" disabled={!a || !b} onClick={() => a && b && play([{ what: `the path from ${a.name} to ${b.name}`, request: { what: 'interpolation', file: a.file, to: b.file } }])}>Interpolate A → B</button>
                {m.kind !== 'ae' && (
                  <button type="button" onClick={() => (setSeed((s) => s + 1), play([{ what: `4 samples (seed ${seed})`, request: { what: 'sample', count: 4, seed } }]))}>Sample</button>
                )}
                <button type="button" disabled={!a} onClick={() => (setA(null), setB(null))}>Clear</button>
              </div>
              <audio ref={player} controls data-testid="latent-player" onEnded={() => void playNext()} />
              <p role="status" className="muted">{status}</p>
            </section>
            <section aria-label="Curves">
              <Curves map={m} />
              <Compression map={m} />
            </section>
          </div>
        </>
      )}
    </div>
  );
}
