/**
 * Regression guard: features of a fixed synthetic signal must not drift. To regenerate after an intended change,
 * run `KIELO_UPDATE_GOLDEN=1 npx vitest run tests/features/golden.test.ts` and say why in the commit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../src/features/extract';
import { defaultFeatureSpec, type FeatureKind } from '../../src/features/spec';
import { gaussian, makeRng } from '../../src/util/random';
import { row } from './signals';

const goldenPath = new URL('./golden/features-v1.json', import.meta.url);
const rows: Record<FeatureKind, number[]> = { logmel: [0, 5, 10, 17], mfcc: [0, 8, 17], frames: [3] };

/** 0.2 s at 16 kHz: a 300 Hz tone, a 1-3 kHz chirp and seeded white noise. */
function goldenSignal(): Float32Array {
  const n = 3200;
  const rng = makeRng(2026);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / 16000;
    x[i] = 0.4 * Math.sin(2 * Math.PI * 300 * t) + 0.2 * Math.sin(2 * Math.PI * (1000 * t + 5000 * t * t)) + 0.05 * gaussian(rng);
  }
  return x;
}

function snapshot(): Record<string, unknown> {
  const x = goldenSignal();
  const out: Record<string, unknown> = {};
  for (const kind of ['logmel', 'mfcc', 'frames'] as const) {
    const spec = defaultFeatureSpec(kind);
    const m = extractFeatures(x, spec);
    out[kind] = {
      spec,
      frames: m.frames,
      dims: m.dims,
      rows: Object.fromEntries(rows[kind].map((t) => [t, Array.from(row(m, t).subarray(0, kind === 'frames' ? 16 : m.dims), (v) => Number(v.toFixed(5)))])),
    };
  }
  return out;
}

describe('golden features', () => {
  it('match tests/features/golden/features-v1.json within 1e-4', () => {
    const now = snapshot();
    if (process.env.KIELO_UPDATE_GOLDEN === '1') writeFileSync(goldenPath, `${JSON.stringify(now)}\n`);
    const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as Record<string, { spec: unknown; frames: number; dims: number; rows: Record<string, number[]> }>;
    for (const kind of ['logmel', 'mfcc', 'frames'] as const) {
      const want = golden[kind];
      const got = now[kind] as typeof want;
      expect(got.spec).toEqual(want.spec);
      expect([got.frames, got.dims]).toEqual([want.frames, want.dims]);
      for (const [t, values] of Object.entries(want.rows)) {
        values.forEach((v, d) => expect(got.rows[t][d], `${kind} frame ${t} dim ${d}`).toBeCloseTo(v, 4));
      }
    }
  });
});
