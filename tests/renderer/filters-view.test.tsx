// @vitest-environment happy-dom
/** Filters: only the picked model's filters (a model without them says so), every filter drawn, axes with units. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { FilterResponses, ModelInfo } from '../../src/api/contract';
import { ApiContext } from '../../renderer/api/context';
import { FiltersView } from '../../renderer/views/FiltersView';
import { fakeApi } from './fake-api';

afterEach(cleanup);

const model = (id: string): ModelInfo => ({ id, kind: 'lid', name: id, dir: `/m/${id}`, labels: ['fi'], source: 'run', wordLists: [] });

describe('FiltersView', () => {
  const responses = (n: number): FilterResponses => ({
    model: 'learned', sampleRate: 16000, freqsHz: [0, 4000, 8000],
    filters: Array.from({ length: n }, (_, i) => ({ centreHz: 100 * (i + 1), impulse: [0, 1, 0], magnitudeDb: [-10, 0, -10] })),
    cumulativeDb: [0, 1, 0], mel: [{ centreHz: 500, magnitudeDb: [0, -20, -40] }],
  });

  it('shows every filter with axis units, and nothing of the previous model after switching to one without filters', async () => {
    const filters = vi.fn(async (id: string) => {
      if (id === 'mfcc') throw new Error("model 'mfcc' has no learned front end (an MFCC model has fixed filters)");
      return responses(24);
    });
    const api = fakeApi({ models: vi.fn(async () => [model('learned'), model('mfcc')]), filters: filters as never });
    render(<ApiContext.Provider value={api}><FiltersView /></ApiContext.Provider>);
    expect(await screen.findAllByRole('img', { name: /^Filter centred at/ })).toHaveLength(24);
    const magnitude = screen.getByRole('img', { name: 'Magnitude responses of all 24 filters' });
    expect(magnitude.querySelectorAll('[data-series]')).toHaveLength(24);
    expect(screen.getAllByTestId('x-title').map((t) => t.textContent)).toContain('Frequency (Hz)');
    expect(screen.getAllByTestId('y-title').map((t) => t.textContent)).toContain('Magnitude (dB)');
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'mfcc' } });
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', "model 'mfcc' has no learned front end (an MFCC model has fixed filters)");
    expect(screen.queryAllByRole('img', { name: /^Filter centred at/ })).toHaveLength(0);
    expect(screen.queryByRole('img', { name: /Magnitude responses/ })).toBeNull();
  });
});
