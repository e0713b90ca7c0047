/** The "SVG" and "PNG" buttons that save a chart as a figure (renderer/export/figure.ts). */
import { useState } from 'react';
import { fileNamePart, savePng, saveSvg } from '../export/figure';

/** Buttons saving the SVG element `svg()` returns as NAME.svg / NAME.png; a failure is shown beside them. */
export function FigureExport({ svg, name }: { svg: () => SVGSVGElement | null; name: string }) {
  const [error, setError] = useState<string | null>(null);
  const file = fileNamePart(name);
  const save = (kind: 'svg' | 'png') => {
    const element = svg();
    if (!element) return;
    setError(null);
    if (kind === 'svg') saveSvg(element, file);
    else savePng(element, file).catch((e: Error) => setError(e.message));
  };
  return (
    <span className="figure-export">
      <button type="button" className="small" title={`Save as ${file}.svg`} onClick={() => save('svg')}>SVG</button>
      <button type="button" className="small" title={`Save as ${file}.png`} onClick={() => save('png')}>PNG</button>
      {error && <span role="alert" className="error">{error}</span>}
    </span>
  );
}
