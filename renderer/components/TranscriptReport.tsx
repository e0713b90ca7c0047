/** An ASR transcript aligned with its reference (errors highlighted), WER/CER, and the CTC posteriorgram. */
import { useEffect, useRef } from 'react';
import type { TranscriptResult } from '../contract';
import { heatColour } from './SpectrogramView';

/** The posteriorgram as an image: time left to right, one row per class (blank on top), brightness = probability. */
function Posteriorgram({ data }: { data: NonNullable<TranscriptResult['posteriorgram']> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const rows = data.classes.length;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || data.frames === 0) return;
    const image = ctx.createImageData(data.frames, rows);
    for (let t = 0; t < data.frames; t++) {
      for (let c = 0; c < rows; c++) {
        const [r, g, b] = heatColour(Math.round(255 * Math.exp(data.logProbs[t * rows + c])));
        const i = (c * data.frames + t) * 4;
        image.data.set([r, g, b, 255], i);
      }
    }
    ctx.putImageData(image, 0, 0);
  }, [data, rows]);
  return (
    <figure className="chart wide">
      <figcaption>CTC posteriorgram ({data.frames} frames × {rows} classes: {data.classes.join(' ')})</figcaption>
      <canvas ref={canvas} className="posteriorgram" width={Math.max(1, data.frames)} height={rows} role="img" aria-label="CTC posteriorgram" />
    </figure>
  );
}

/** The transcript report. */
export function TranscriptReport({ result }: { result: TranscriptResult }) {
  return (
    <section aria-label="Transcript" data-testid="transcript">
      <p>
        Hypothesis: <strong>{result.text || '(empty)'}</strong>
      </p>
      {result.reference !== null ? (
        <>
          <p className="alignment" aria-label="Alignment with the reference">
            {result.alignment.map((w, i) => (
              <span key={i} className={`op-${w.op}`} title={w.op === 'S' ? `said “${w.hyp}” for “${w.ref}”` : w.op === 'D' ? 'deleted' : w.op === 'I' ? 'inserted' : 'correct'}>
                {w.op === 'S' ? `${w.hyp} (${w.ref})` : (w.hyp ?? w.ref)}{' '}
              </span>
            ))}
          </p>
          <dl className="metrics">
            <dt>WER</dt>
            <dd>{result.wer === null ? '–' : `${(result.wer * 100).toFixed(1)}%`}</dd>
            <dt>CER</dt>
            <dd>{result.cer === null ? '–' : `${(result.cer * 100).toFixed(1)}%`}</dd>
          </dl>
        </>
      ) : (
        <p className="muted">No reference transcript (a .txt of the same name beside the file) to score against.</p>
      )}
      {result.posteriorgram && <Posteriorgram data={result.posteriorgram} />}
    </section>
  );
}
