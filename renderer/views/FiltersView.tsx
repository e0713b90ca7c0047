/** Filters: a LID model's learned first-layer filters (impulse + magnitude, sorted by centre frequency) beside the mel bank. */
import { useState } from 'react';
import type { FilterResponses } from '../contract';
import { useApi } from '../api/context';
import { useAsync } from '../api/use-async';
import { LineChart, PALETTE, type Series } from '../components/charts';
import { Picker } from '../components/Picker';

/** A colour from blue (low) to red (high) for filter `i` of `n`, so that many curves read without a legend. */
export function rampColour(i: number, n: number): string {
  const t = n > 1 ? i / (n - 1) : 0;
  return `hsl(${Math.round(230 - 230 * t)} 70% 45%)`;
}

/** Small multiples of every filter's impulse response, labelled with its centre frequency. */
function Impulses({ data }: { data: FilterResponses }) {
  return (
    <div className="impulses" aria-label="Impulse responses, sorted by centre frequency">
      {data.filters.map((f, i) => {
        const peak = Math.max(1e-9, ...f.impulse.map(Math.abs));
        const points = f.impulse.map((v, t) => `${(t / Math.max(1, f.impulse.length - 1)) * 100},${20 - (v / peak) * 18}`).join(' ');
        return (
          <svg key={i} viewBox="0 0 100 40" role="img" aria-label={`Filter centred at ${Math.round(f.centreHz)} Hz`}>
            <polyline fill="none" stroke={rampColour(i, data.filters.length)} strokeWidth={1} points={points} />
            <text x={2} y={38} className="tick">{Math.round(f.centreHz)} Hz</text>
          </svg>
        );
      })}
    </div>
  );
}

/** The charts of one model's filters: every filter's magnitude (coloured low to high), their sum, the mel bank. */
function FilterCharts({ data }: { data: FilterResponses }) {
  const toPoints = (ys: number[]) => ys.map((y, i) => ({ x: Math.round(data.freqsHz[i]), y }));
  const ramp = (items: { centreHz: number; magnitudeDb: number[] }[]): Series[] =>
    items.map((f, i) => ({ name: `${Math.round(f.centreHz)} Hz`, colour: rampColour(i, items.length), points: toPoints(f.magnitudeDb) }));
  const axes = { xLabel: 'Frequency (Hz)', yLabel: 'Magnitude (dB)' };
  return (
    <>
      <p className="muted">
        {data.filters.length} learned filters at {data.sampleRate} Hz, coloured from the lowest centre frequency (blue) to the highest (red).
      </p>
      <div className="charts">
        <Impulses data={data} />
        <LineChart title={`Magnitude responses of all ${data.filters.length} filters`} series={ramp(data.filters)} {...axes} />
        <LineChart title="Cumulative response" series={[{ name: 'sum of filters', colour: PALETTE[2], points: toPoints(data.cumulativeDb) }]} {...axes} />
        <LineChart title={`Mel filterbank (${data.mel.length} bands)`} series={ramp(data.mel)} {...axes} />
      </div>
    </>
  );
}

/** The Filters view: what is shown always belongs to the model picked (a model without filters says so, nothing else). */
export function FiltersView() {
  const api = useApi();
  const models = useAsync(() => api.models(), [api]);
  const lid = (models.value ?? []).filter((m) => m.kind === 'lid');
  const [model, setModel] = useState<string | null>(null);
  const chosen = model ?? lid[0]?.id ?? null;
  const data = useAsync(async () => (chosen ? { model: chosen, responses: await api.filters(chosen) } : null), [api, chosen]);
  const current = !data.loading && data.value?.model === chosen && !data.error ? data.value.responses : null;
  return (
    <div className="view">
      <h2>Filters</h2>
      <Picker label="Model" value={chosen ?? ''} items={lid} onChange={setModel} />
      {!lid.length && !models.loading && <p className="muted">No language model yet: train one in Train.</p>}
      {data.loading && chosen && <p className="muted" role="status">Reading the filters of {chosen}…</p>}
      {!data.loading && data.error && <p role="alert" className="error">{data.error}</p>}
      {current && <FilterCharts data={current} />}
    </div>
  );
}
