// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { LineChart } from '../../renderer/components/charts';
import { ConfusionFigure } from '../../renderer/components/ConfusionFigure';
import { fileNamePart, svgMarkup } from '../../renderer/export/figure';
import { comparisonCsv, confusionCsv, fileOutcomesCsv, historyCsv } from '../../renderer/export/results';
import type { ModelComparison } from '../../src/api/contract';

afterEach(cleanup);

const series = [
  { name: 'train', colour: '#2f6fde', points: [{ x: 1, y: 0.9 }, { x: 2, y: 0.5 }, { x: 3, y: 0.25 }] },
  { name: 'validation', colour: '#e4572e', points: [{ x: 1, y: 1 }, { x: 2, y: 0.6 }, { x: 3, y: 0.4 }], dashed: true },
];

describe('LineChart', () => {
  it('titles its axes and names each point in a hover title', () => {
    render(<LineChart title="Loss" series={series} xLabel="epoch" yLabel="loss" />);
    expect(screen.getByTestId('x-title').textContent).toBe('epoch');
    expect(screen.getByTestId('y-title').textContent).toBe('loss');
    const titles = [...document.querySelectorAll('[data-series="validation"] circle title')].map((t) => t.textContent);
    expect(titles).toEqual(['validation: epoch 1, 1', 'validation: epoch 2, 0.6', 'validation: epoch 3, 0.4']);
  });

  it('reads the values at the nearest x under the pointer', () => {
    render(<LineChart title="Loss" series={series} xLabel="epoch" />);
    const svg = screen.getByRole('img', { name: 'Loss' });
    // the chart drawn 720 px wide: x 1..3 spans SVG units 52..350 (of 360), i.e. pixels 104..700
    svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: 720, height: 380, right: 720, bottom: 380, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.mouseMove(svg, { clientX: 420, clientY: 100 });
    expect(screen.getByTestId('chart-readout').textContent).toBe('epoch 2: train 0.5, validation 0.6');
    fireEvent.mouseMove(svg, { clientX: 690, clientY: 100 });
    expect(screen.getByTestId('chart-readout').textContent).toBe('epoch 3: train 0.25, validation 0.4');
  });
});

describe('figure export', () => {
  it('writes a standalone SVG: namespaced, sized from the viewBox, white background, the curves and their styles inline', () => {
    render(<LineChart title="Loss" series={series} xLabel="epoch" yLabel="loss" exportName="run-1-loss" />);
    const markup = svgMarkup(screen.getByRole('img', { name: 'Loss' }) as unknown as SVGSVGElement);
    expect(markup.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(markup).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(markup).toMatch(/width="360" height="190"/);
    expect(markup).toMatch(/<rect width="100%" height="100%" fill="#ffffff"/);
    expect(markup).toContain('stroke="#e4572e"');
    expect(markup).toContain('stroke-dasharray="5 3"');
    expect(markup).toContain('>epoch</text>');
    expect(new DOMParser().parseFromString(markup, 'image/svg+xml').querySelectorAll('polyline')).toHaveLength(2);
  });

  it('offers SVG and PNG buttons on an exportable chart, and saves the SVG under its name', () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (created.push(blob), 'blob:x'));
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) { clicked.push(this.download); };
    render(<ConfusionFigure labels={['en', 'fi']} confusion={[[3, 1], [0, 4]]} title="Confusion" exportName="confusion demo/lid" />);
    fireEvent.click(screen.getByRole('button', { name: 'SVG' }));
    expect(clicked).toEqual(['confusion-demo-lid.svg']);
    expect(created[0].type).toBe('image/svg+xml');
    expect(screen.getByRole('button', { name: 'PNG' })).toBeTruthy();
    expect(fileNamePart(' run 1/2: loss ')).toBe('run-1-2-loss');
  });

  it('draws a confusion matrix with its counts and row shares', () => {
    render(<ConfusionFigure labels={['en', 'fi']} confusion={[[3, 1], [0, 4]]} title="Confusion" />);
    const cells = [...document.querySelectorAll('rect title')].map((t) => t.textContent);
    expect(cells).toEqual(['true en, predicted en: 3 (75.0% of en)', 'true en, predicted fi: 1 (25.0% of en)', 'true fi, predicted en: 0 (0.0% of fi)', 'true fi, predicted fi: 4 (100.0% of fi)']);
  });
});

describe('results as CSV', () => {
  it('writes the confusion matrix, per-file outcomes (quoted where needed) and the curves', () => {
    expect(confusionCsv(['en', 'fi'], [[3, 1], [0, 4]])).toBe('true \\ predicted,en,fi\r\nen,3,1\r\nfi,0,4\r\n');
    expect(fileOutcomesCsv([{ file: '/t/fi/a, "b".wav', label: 'fi', predicted: 'en', confidence: 0.625 }])).toBe(
      'file,label,predicted,confidence,correct\r\n"/t/fi/a, ""b"".wav",fi,en,0.625,false\r\n',
    );
    expect(historyCsv([{ epoch: 1, trainLoss: 0.5, valAccuracy: 0.75, gradNorms: {}, seconds: 2 }])).toBe(
      'epoch,train_loss,val_loss,train_accuracy,val_accuracy,seconds\r\n1,0.5,,,0.75,2\r\n',
    );
  });

  it('writes a comparison: each model with its accuracy interval and its difference from the first', () => {
    const ev = (accuracy: number) => ({ n: 10, accuracy, eer: 0.1, cavg: 0.2 });
    const c = {
      dataset: '/d', method: '',
      models: [{ model: 'a', accuracyInterval: [0.5, 0.9], evaluation: ev(0.7) }, { model: 'b', accuracyInterval: [0.6, 0.95], evaluation: ev(0.8) }],
      differences: [{ model: 'b', reference: 'a', n: 10, difference: 0.1, low: -0.1, high: 0.3, onlyReference: 1, onlyModel: 2, pValue: 1 }],
    } as unknown as ModelComparison;
    const lines = comparisonCsv(c).split('\r\n');
    expect(lines[1]).toBe('a,10,0.7,0.5,0.9,0.1,0.2,,,,,,,,');
    expect(lines[2]).toBe('b,10,0.8,0.6,0.95,0.1,0.2,a,10,0.1,-0.1,0.3,1,2,1');
  });
});
