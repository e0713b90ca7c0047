/** Filters: a LID model's learned first-layer filters (impulse + magnitude, sorted by centre frequency) beside the mel bank. */
import { useState } from 'react';
import type { FilterResponses } from '../contract';
import { useApi } from '../api/context';
import { useAsync } from '../api/use-async';
import { LineChart, PALETTE } from '../components/charts';
import { Picker } from '../components/Picker';

/** Small multiples of impulse responses (first `max` filters). */
function Impulses({ data, max = 24 }: { data: FilterResponses; max?: number }) {
  return (
    <div className="impulses" aria-label="Impulse responses, sorted by centre frequency">
      {data.filters.slice(0, max).map((f, i) => {
        const peak = Math.max(1e-9, ...f.impulse.map(Math.abs));
        const points = f.impulse.map((v, t) => `${(t / Math.max(1, f.impulse.length - 1)) * 100},${20 - (v / peak) * 18}`).join(' ');
        return (
          <svg key={i} viewBox="0 0 100 40" role="img" aria-label={`Filter centred at ${Math.round(f.centreHz)} Hz`}>
            <polyline fill="none" stroke={PALETTE[0]} strokeWidth={1} points={points} />
            <text x={2} y={38} className="tick">{Math.round(f.centreHz)} Hz</text>
          </svg>
        );
      })}
    </div>
  );
}

/** The Filters view. */
export function FiltersView() {
  const api = useApi();
  const models = useAsync(() => api.models(), [api]);
  const lid = (models.value ?? []).filter((m) => m.kind === 'lid');
  const [model, setModel] = useState<string | null>(null);
  const chosen = model ?? lid[0]?.id ?? null;
  const data = useAsync(async () => (chosen ? api.filters(chosen) : null), [api, chosen]);
  const toPoints = (ys: number[]) => ys.map((y, i) => ({ x: Math.round(data.value!.freqsHz[i]), y }));
  return (
    <div className="view">
      <h2>Filters</h2>
      <Picker label="Model" value={chosen ?? ''} items={lid} onChange={setModel} />
      {data.error && <p role="alert" className="error">{data.error}</p>}
      {data.value && (
        <div className="charts">
          <Impulses data={data.value} />
          <LineChart title="Magnitude responses (dB), sorted by centre frequency" series={data.value.filters.slice(0, 12).map((f, i) => ({ name: `${Math.round(f.centreHz)} Hz`, colour: PALETTE[i % PALETTE.length], points: toPoints(f.magnitudeDb) }))} />
          <LineChart title="Cumulative response (dB)" series={[{ name: 'sum of filters', colour: PALETTE[2], points: toPoints(data.value.cumulativeDb) }]} />
          <LineChart title="Mel filterbank (dB)" series={data.value.mel.slice(0, 40).map((m, i) => ({ name: `${Math.round(m.centreHz)} Hz`, colour: PALETTE[i % PALETTE.length], points: toPoints(m.magnitudeDb) }))} />
        </div>
      )}
    </div>
  );
}
