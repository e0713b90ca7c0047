/** An ASR transcript scored against its reference: the word alignment (errors highlighted), WER/CER with their counts, and the labelled CTC posteriorgram. */
import { useEffect, useRef } from 'react';
import type { AlignedWord, TranscriptResult } from '../contract';
import { timeTicks } from './axis-ticks';
import { heatColour } from './SpectrogramView';

/** Pixels per posteriorgram row (one symbol). */
const ROW_PX = 9;
/** Nominal width for choosing time ticks (their positions are fractions, so the axis follows the layout). */
const AXIS_PX = 900;

/** The posteriorgram: time left to right (seconds on the axis), one row per symbol (blank on top, labelled), brightness = probability. */
export function Posteriorgram({ data }: { data: NonNullable<TranscriptResult['posteriorgram']> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const rows = data.classes.length;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || data.frames === 0) return;
    const image = ctx.createImageData(data.frames, rows);
    for (let t = 0; t < data.frames; t++) {
      for (let c = 0; c < rows; c++) {
        const [r, g, b] = heatColour(Math.round(255 * Math.exp(data.logProbs[t * rows + c])));
        image.data.set([r, g, b, 255], (c * data.frames + t) * 4);
      }
    }
    ctx.putImageData(image, 0, 0);
  }, [data, rows]);
  const seconds = data.frames * data.frameSeconds;
  const ticks = timeTicks(0, seconds, AXIS_PX);
  return (
    <figure className="chart wide posteriorgram-figure">
      <figcaption>{`CTC posteriorgram: probability of each symbol per ${Math.round(data.frameSeconds * 1000)} ms frame (${data.frames} frames, ${seconds.toFixed(2)} s; brighter = more likely)`}</figcaption>
      <div className="pg-grid">
        <ol className="pg-rows" aria-label="Symbols" style={{ lineHeight: `${ROW_PX}px` }}>
          {data.classes.map((c) => (
            <li key={c} style={{ height: ROW_PX }}>{c}</li>
          ))}
        </ol>
        <canvas ref={canvas} className="posteriorgram" width={Math.max(1, data.frames)} height={rows} style={{ height: rows * ROW_PX }} role="img" aria-label="CTC posteriorgram" />
        <span />
        <div className="pg-axis" aria-label="Time (s)">
          {ticks.map((t) => (
            <span key={t.value} style={{ left: `${t.at * 100}%` }}>{t.label}</span>
          ))}
        </div>
        <span />
        <span className="pg-unit">time (s)</span>
      </div>
    </figure>
  );
}

/** Counts of correct, substituted, deleted and inserted words. */
function counts(alignment: AlignedWord[]): Record<AlignedWord['op'], number> {
  const n = { C: 0, S: 0, D: 0, I: 0 };
  for (const w of alignment) n[w.op] += 1;
  return n;
}

const rate = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** The transcript report. */
export function TranscriptReport({ result }: { result: TranscriptResult }) {
  const n = counts(result.alignment);
  return (
    <section aria-label="Transcript" data-testid="transcript">
      <p>
        Hypothesis: <strong>{result.text || '(empty)'}</strong>{' '}
        <span className="muted">{`(beam ${result.beamWidth}${result.beamWidth === 1 ? ', greedy' : ''}${result.wordList ? `, words of ${result.wordList}` : ''})`}</span>
      </p>
      {result.reference !== null ? (
        <>
          <p>
            {`Reference (${result.referenceFrom === 'typed' ? 'typed' : 'paired transcript'}): `}<strong>{result.reference}</strong>
          </p>
          <p className="alignment" aria-label="Alignment with the reference">
            {result.alignment.map((w, i) => (
              <span key={i} className={`op-${w.op}`} title={w.op === 'S' ? `said “${w.hyp}” for “${w.ref}”` : w.op === 'D' ? 'deleted' : w.op === 'I' ? 'inserted' : 'correct'}>
                {w.op === 'S' ? `${w.hyp} (${w.ref})` : (w.hyp ?? w.ref)}{' '}
              </span>
            ))}
          </p>
          <dl className="metrics wide">
            <dt>WER</dt>
            <dd data-testid="wer">{rate(result.wer)}</dd>
            <dt>CER</dt>
            <dd data-testid="cer">{rate(result.cer)}</dd>
            <dt>Words</dt>
            <dd data-testid="word-counts">{`${n.C} correct, ${n.S} substituted, ${n.D} deleted, ${n.I} inserted`}</dd>
          </dl>
        </>
      ) : (
        <p className="muted">No reference to score against: type one, or drop the file's transcript (.txt of the same name) with it.</p>
      )}
      {result.posteriorgram && <Posteriorgram data={result.posteriorgram} />}
    </section>
  );
}
