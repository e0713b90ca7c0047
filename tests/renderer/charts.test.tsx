// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { LineChart } from '../../renderer/components/charts';

afterEach(cleanup);

const points = [1, 2, 3, 4].map((x) => ({ x, y: 1 / x }));

describe('LineChart', () => {
  it('puts the marker label on the side of its line with room: right of an early marker, left of a late one', () => {
    for (const [markerX, anchor] of [[1, 'start'], [4, 'end']] as const) {
      const { getByTestId, unmount } = render(<LineChart title="Loss" series={[{ name: 'train', colour: '#000', points }]} markerX={markerX} markerLabel="best" />);
      const line = getByTestId('marker').querySelector('line')!;
      const text = getByTestId('marker').querySelector('text')!;
      expect(text.getAttribute('text-anchor')).toBe(anchor);
      const offset = Number(text.getAttribute('x')) - Number(line.getAttribute('x1'));
      expect(anchor === 'start' ? offset > 0 : offset < 0).toBe(true);
      unmount();
    }
  });

  it('labels a log axis in powers of ten without a negative zero', () => {
    const { container } = render(<LineChart title="norms" logY series={[{ name: 'a', colour: '#000', points: [{ x: 1, y: 0.9 }, { x: 2, y: 1000 }] }]} />);
    const ticks = Array.from(container.querySelectorAll('text.tick')).map((t) => t.textContent);
    expect(ticks).toContain('1e3');
    expect(ticks).toContain('1e0');
    expect(ticks.join(' ')).not.toContain('-0');
  });
});
