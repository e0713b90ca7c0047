/** A KieloApi fake for component tests: canned answers, recorded calls, and job events the test emits. */
import { vi } from 'vitest';
import type { AudioFileEntry, JobEvent, KieloApi } from '../../src/api/contract';

/** The fake plus `emit` to push job events to subscribers. */
export type FakeApi = KieloApi & { emit(event: JobEvent): void; listeners: Set<(e: JobEvent) => void> };

/** A project with one Finnish file. */
export const FILE: AudioFileEntry = { id: 'f1', path: '/data/fi/a.wav', name: 'a.wav', sampleRate: 16000, channels: 1, durationSec: 2, format: 'wav', label: 'fi', source: '/data/fi/a.wav', copied: false, sha256: null, transcript: null };

/** Builds the fake; `overrides` replace single calls. */
export function fakeApi(overrides: Partial<KieloApi> = {}): FakeApi {
  const listeners = new Set<(e: JobEvent) => void>();
  const api = {
    engine: vi.fn(async () => ({ name: 'wasm' as const, backend: 'wasm', version: '4.22.0' })),
    project: vi.fn(async () => ({ dir: '/p', name: 'Demo', version: 2, createdAt: '2026-01-01T00:00:00Z' })),
    recentProjects: vi.fn(async () => ['/p']),
    openProject: vi.fn(),
    createProject: vi.fn(),
    listFiles: vi.fn(async () => [FILE]),
    addFiles: vi.fn(async () => ({ added: [], problems: [], duplicates: [], transcripts: [] })),
    uploadFiles: vi.fn(async () => ({ added: [FILE], problems: [], duplicates: [], transcripts: [] })),
    removeFile: vi.fn(async () => {}),
    setLabel: vi.fn(async () => FILE),
    waveform: vi.fn(async () => ({ durationSec: 2, sampleRate: 16000, startSec: 0, endSec: 2, exact: false, firstSample: 0, channels: [{ min: [-0.1, -0.5, -0.2], max: [0.1, 0.5, 0.2] }], peak: 0.5 })),
    spectrogram: vi.fn(async () => ({ scale: 'linear' as const, sampleRate: 16000, channel: null, startSec: 0, endSec: 2, windowSec: 0.005, columns: 2, rows: 2, rowHz: [2000, 6000], maxHz: 8000, topDb: 0, rangeDb: 70, base64: 'AP+AQA==' })),
    audio: vi.fn(async () => ({ mime: 'audio/wav' as const, base64: 'UklGRg==' })),
    models: vi.fn(async () => [{ id: 'demo-lid', kind: 'lid' as const, name: 'demo lid', dir: '/m', labels: ['en', 'fi'], source: 'demo' as const, wordLists: [] }]),
    datasets: vi.fn(async () => [{ name: 'demo languages', dir: '/demo/lid', kinds: ['lid-learned' as const, 'lid-mfcc' as const] }]),
    classify: vi.fn(async () => ({ file: FILE.path, model: 'demo-lid', label: 'fi' as string | null, speech: true, unsure: false, bestGuess: 'fi', confidence: 0.83, posteriors: { fi: 0.83, en: 0.17 }, durationSec: 2, segments: [{ start: 0, end: 1, label: 'fi' }, { start: 1, end: 2, label: 'en' }] })),
    classifyFiles: vi.fn(async () => []),
    startTraining: vi.fn(async () => ({ jobId: 'j1', runId: 'r1' })),
    resumeTraining: vi.fn(async () => ({ jobId: 'j2', runId: 'r1' })),
    cancelJob: vi.fn(async () => {}),
    runs: vi.fn(async () => []),
    run: vi.fn(async () => ({ id: 'r1', kind: 'lid-learned' as const, status: 'running' as const, createdAt: '', settings: { epochs: 3 } as never, metrics: {}, engine: 'wasm', bestEpoch: null, error: null, history: [], log: [] })),
    filters: vi.fn(),
    evaluate: vi.fn(),
    transcribe: vi.fn(),
    generate: vi.fn(),
    generated: vi.fn(async () => []),
    generatedAudio: vi.fn(),
    onJobEvent: (listener: (e: JobEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...overrides,
  } as unknown as FakeApi;
  api.listeners = listeners;
  api.emit = (event) => listeners.forEach((l) => l(event));
  return api;
}
