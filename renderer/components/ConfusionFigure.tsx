/** A confusion matrix drawn as an SVG figure (so it can be saved as SVG or PNG): counts, cells shaded by row share. */
import { useRef } from 'react';
import { FigureExport } from './FigureExport';

const CELL = 34;
const LEFT = 44;
const TOP = 40;

/** Rows: true label; columns: predicted; each cell its count, shaded by its share of the row. */
export function ConfusionFigure({ labels, confusion, title, exportName }: { labels: string[]; confusion: number[][]; title: string; exportName?: string }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const n = labels.length;
  const width = LEFT + n * CELL + 8;
  const height = TOP + n * CELL + 8;
  return (
    <figure className="chart confusion">
      <figcaption>
        {title}
        {exportName && <FigureExport svg={() => svgRef.current} name={exportName} />}
      </figcaption>
      <svg ref={svgRef} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} style={{ maxWidth: width * 1.6 }}>
        <text x={LEFT + (n * CELL) / 2} y={10} textAnchor="middle" className="axis-title">predicted</text>
        <text x={10} y={TOP + (n * CELL) / 2} textAnchor="middle" transform={`rotate(-90 10 ${TOP + (n * CELL) / 2})`} className="axis-title">true</text>
        {labels.map((l, j) => (
          <text key={`c${l}`} x={LEFT + j * CELL + CELL / 2} y={TOP - 6} textAnchor="middle" className="tick">{l}</text>
        ))}
        {labels.map((l, i) => {
          const total = confusion[i].reduce((a, b) => a + b, 0) || 1;
          return (
            <g key={`r${l}`} data-row={l}>
              <text x={LEFT - 6} y={TOP + i * CELL + CELL / 2 + 4} textAnchor="end" className="tick">{l}</text>
              {confusion[i].map((v, j) => {
                const share = v / total;
                return (
                  <g key={j}>
                    <rect x={LEFT + j * CELL} y={TOP + i * CELL} width={CELL - 1} height={CELL - 1} fill={`rgba(47, 111, 222, ${share.toFixed(3)})`} stroke="#d0d4da" strokeWidth={0.5}>
                      <title>{`true ${l}, predicted ${labels[j]}: ${v} (${(share * 100).toFixed(1)}% of ${l})`}</title>
                    </rect>
                    <text x={LEFT + j * CELL + CELL / 2} y={TOP + i * CELL + CELL / 2 + 4} textAnchor="middle" fontSize={11} fill={share > 0.5 ? '#ffffff' : '#222222'}>{v}</text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
