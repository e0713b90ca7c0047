/** Small SVG charts drawn by hand: line chart with markers, horizontal bars, heatmap. */
import { useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { FigureExport } from './FigureExport';
import { TableHead } from './TableHead';

/** One line of a line chart. */
export interface Series {
  name: string;
  colour: string;
  points: { x: number; y: number }[];
  dashed?: boolean;
  /** A thin line without dots (e.g. a per-batch trace under per-epoch points). */
  thin?: boolean;
}

/** Series longer than this are drawn as lines without dots. */
const MAX_DOTS = 60;
/** More series than this get a count instead of a legend. */
const MAX_LEGEND = 12;
const W = 360;
const H = 190;
const PAD = { l: 52, r: 10, t: 10, b: 34 };

function extent(values: number[], fallback: [number, number]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return fallback;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return lo === hi ? [lo - 1e-3 - Math.abs(lo) * 0.1, hi + 1e-3 + Math.abs(hi) * 0.1] : [lo, hi];
}

/** A value as a hover readout shows it: 4 significant digits, exponent for tiny or huge ones. */
export function readoutValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

/** The points of each series nearest to `x` (within half the gap to the next x), as a readout line. */
function readoutAt(x: number, series: Series[], xLabel: string): string {
  const parts = series.flatMap((s) => {
    const nearest = s.points.reduce<{ x: number; y: number } | null>((best, p) => (best === null || Math.abs(p.x - x) < Math.abs(best.x - x) ? p : best), null);
    return nearest && Math.abs(nearest.x - x) < 1e-9 ? [`${s.name} ${readoutValue(nearest.y)}`] : [];
  });
  return `${xLabel} ${readoutValue(x)}: ${parts.join(', ')}`;
}

/** Options of LineChart. */
export interface LineChartProps {
  title: string;
  series: Series[];
  /** Draws a vertical marker at this x (e.g. the best epoch), labelled `markerLabel`. */
  markerX?: number | null;
  markerLabel?: string;
  /** The x range drawn (default: the points' range). */
  xDomain?: [number, number];
  yDomain?: [number, number];
  logY?: boolean;
  /** Axis titles. */
  xLabel?: string;
  yLabel?: string;
  /** Offer the figure as SVG and PNG files named after this. */
  exportName?: string;
}

/** A line chart with titled axes; hovering reads the values at the nearest x of the (non-thin) series. */
export function LineChart({ title, series, markerX, markerLabel, xDomain, yDomain, logY, xLabel = 'x', yLabel, exportName }: LineChartProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [hoverX, setHoverX] = useState<number | null>(null);
  const f = (y: number) => (logY ? Math.log10(Math.max(y, 1e-12)) : y);
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const [x0, x1] = xDomain ?? extent(xs, [0, 1]);
  const [y0, y1] = yDomain ?? extent(series.flatMap((s) => s.points.map((p) => f(p.y))), [0, 1]);
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => H - PAD.b - ((f(y) - y0) / (y1 - y0 || 1)) * (H - PAD.t - PAD.b);
  const label = (v: number) => (logY ? `1e${Math.round(v) || 0}` : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
  // the marker's label on the side of its line with more room (it would run into the y-axis labels at the left)
  const markerOnLeft = markerX != null && sx(markerX) > (PAD.l + W - PAD.r) / 2;
  const read = series.filter((s) => !s.thin);
  const readXs = [...new Set(read.flatMap((s) => s.points.map((p) => p.x)))];
  const onMove = (e: MouseEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (!rect.width || !readXs.length) return;
    const x = x0 + (((e.clientX - rect.left) / rect.width) * W - PAD.l) / ((W - PAD.l - PAD.r) / (x1 - x0 || 1));
    setHoverX(readXs.reduce((best, v) => (Math.abs(v - x) < Math.abs(best - x) ? v : best)));
  };
  return (
    <figure className="chart">
      <figcaption>
        {title}
        {exportName && <FigureExport svg={() => svgRef.current} name={exportName} />}
      </figcaption>
      <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} onMouseMove={onMove} onMouseLeave={() => setHoverX(null)}>
        <line x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} className="axis" />
        <line x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={H - PAD.b} className="axis" />
        <text x={PAD.l - 4} y={PAD.t + 8} textAnchor="end" className="tick">{label(y1)}</text>
        <text x={PAD.l - 4} y={H - PAD.b} textAnchor="end" className="tick">{label(y0)}</text>
        <text x={PAD.l} y={H - PAD.b + 12} className="tick">{readoutValue(x0)}</text>
        <text x={W - PAD.r} y={H - PAD.b + 12} textAnchor="end" className="tick">{readoutValue(x1)}</text>
        <text x={(PAD.l + W - PAD.r) / 2} y={H - 4} textAnchor="middle" className="axis-title" data-testid="x-title">{xLabel}</text>
        {yLabel && (
          <text x={12} y={(PAD.t + H - PAD.b) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(PAD.t + H - PAD.b) / 2})`} className="axis-title" data-testid="y-title">{yLabel}</text>
        )}
        {markerX != null && (
          <g className="marker" data-testid="marker">
            <line x1={sx(markerX)} x2={sx(markerX)} y1={PAD.t} y2={H - PAD.b} />
            <text x={sx(markerX) + (markerOnLeft ? -3 : 3)} y={PAD.t + 10} textAnchor={markerOnLeft ? 'end' : 'start'}>{markerLabel}</text>
          </g>
        )}
        {series.map((s) => (
          <g key={s.name} data-series={s.name}>
            <polyline fill="none" stroke={s.colour} strokeWidth={s.thin ? 1 : 2} strokeOpacity={s.thin ? 0.6 : 1} strokeDasharray={s.dashed ? '5 3' : undefined} points={s.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} />
            {!s.thin && s.points.length <= MAX_DOTS &&
              s.points.map((p) => (
                <circle key={p.x} cx={sx(p.x)} cy={sy(p.y)} r={2.5} fill={s.colour}>
                  <title>{`${s.name}: ${xLabel} ${readoutValue(p.x)}, ${readoutValue(p.y)}`}</title>
                </circle>
              ))}
          </g>
        ))}
        {hoverX !== null && <line className="hover-guide" x1={sx(hoverX)} x2={sx(hoverX)} y1={PAD.t} y2={H - PAD.b} />}
      </svg>
      <p className="chart-readout muted" data-testid="chart-readout" aria-live="polite">{hoverX !== null ? readoutAt(hoverX, read, xLabel) : '\u00a0'}</p>
      <div className="legend">
        {series.length > MAX_LEGEND && <span>{series.length} curves</span>}
        {series.length <= MAX_LEGEND && series.map((s) => (
          <span key={s.name}>
            <i style={{ background: s.colour }} /> {s.name}
          </span>
        ))}
      </div>
    </figure>
  );
}

/** Horizontal bars of values in [0, 1], largest first, with percentages. */
export function Bars({ values, label }: { values: Record<string, number>; label: string }) {
  const entries = Object.entries(values).sort((a, b) => b[1] - a[1]);
  return (
    <ul className="bars" aria-label={label}>
      {entries.map(([name, v]) => (
        <li key={name} data-label={name}>
          <span className="bar-name">{name}</span>
          <span className="bar-track">
            <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(1, v)) * 100}%` }} />
          </span>
          <span className="bar-value">{(v * 100).toFixed(1)}%</span>
        </li>
      ))}
    </ul>
  );
}

/** A heatmap table (rows x columns), cells shaded by value / row total. */
export function Heatmap({ rows, columns, values, caption }: { rows: string[]; columns: string[]; values: number[][]; caption: ReactNode }) {
  return (
    <table className="heatmap">
      <caption>{caption}</caption>
      <TableHead columns={['true \\ predicted', ...columns]} />
      <tbody>
        {rows.map((r, i) => {
          const total = values[i].reduce((a, b) => a + b, 0) || 1;
          return (
            <tr key={r}>
              <th scope="row">{r}</th>
              {values[i].map((v, j) => (
                <td key={j} style={{ background: `rgba(47, 111, 222, ${v / total})`, color: v / total > 0.5 ? '#fff' : undefined }}>{v}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Distinct colours for labels, stable by index. */
export const PALETTE = ['#2f6fde', '#e4572e', '#17a37a', '#b55fd6', '#e8a33d', '#4bb3c8', '#8c6b4f', '#d6457f'];
