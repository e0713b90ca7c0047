/**
 * End to end in Chromium: the audio views a researcher reads. A 44.1 kHz stereo file (a linear sweep left, a 12 kHz
 * tone right) shows with time, frequency, amplitude and dB axes, its content above 8 kHz, a linear STFT or mel
 * spectrogram, a dragged selection that plays, the time and frequency under the pointer, and zoom to single samples.
 */
import { describe, expect, it } from 'vitest';
import { dropFile, useStudio } from './browser';
import { encodeWav } from '../../src/audio';

const studio = useStudio();
const { shot, nav } = studio;

/** Two seconds at 44.1 kHz: left a sweep 100 Hz -> 16 kHz at -8 dBFS, right a 12 kHz tone at -20 dBFS. */
function stereoSweep(): Buffer {
  const rate = 44100;
  const n = 2 * rate;
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    phase += (2 * Math.PI * (100 + (15900 * i) / n)) / rate;
    left[i] = 0.398 * Math.sin(phase);
    right[i] = 0.1 * Math.sin((2 * Math.PI * 12000 * i) / rate);
  }
  return Buffer.from(encodeWav([left, right], rate));
}

/** One second of a 440 Hz tone peaking at `dbfs`, 16 kHz mono. */
function tone(dbfs: number): Buffer {
  const amp = 10 ** (dbfs / 20);
  return Buffer.from(encodeWav(Float32Array.from({ length: 16000 }, (_, i) => amp * Math.sin((2 * Math.PI * 440 * i) / 16000)), 16000));
}

/** The machine may be busy: the page gets time to answer. */
const PATIENT = { timeout: 20_000 };

const texts = (selector: string) => studio.page.locator(selector).allTextContents();

/** Runs in the page: the fraction of the waveform canvas's rows that are painted across most of its width. */
const PAINTED = `() => {
  const c = document.querySelector('[data-testid=wave-canvas]');
  const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
  let rows = 0;
  for (let y = 0; y < height; y++) {
    let n = 0;
    for (let x = 0; x < width; x++) if (data[(y * width + x) * 4 + 3] > 200) n++;
    if (n > width / 2) rows++;
  }
  return rows / height;
}`;

describe('audio views', () => {
  it('shows the file as it is with axes (time, Hz up to 22 kHz, amplitude, dB), and the models\' 16 kHz view one choice away', async () => {
    await nav('Files');
    await dropFile(studio.page, 'sweep-stereo.wav', stereoSweep());
    await studio.page.locator('.spectrogram-row .axis-left .axis-tick').first().waitFor({ timeout: 60_000 });
    expect(await studio.page.locator('.waveform .muted').first().textContent()).toContain('44100 Hz · 2 channels · peak -8.0 dBFS');
    const freq = await texts('.spectrogram-row .axis-left .axis-tick');
    expect(freq).toContain('20 kHz');
    expect(await texts('.colour-bar .axis-tick')).toEqual(['-70', '-60', '-50', '-40', '-30', '-20', '-10', '0']);
    expect(await texts('.lanes .axis-left >> nth=0 >> .axis-tick')).toEqual(['-1.0', '-0.5', '0', '0.5', '1.0']);
    expect(await texts('.lane-name')).toEqual(['L', 'R']);
    const time = await texts('.time-axis .axis-tick');
    expect(time[0]).toBe('0.0');
    expect(time).toContain('2.0');
    expect(await studio.page.locator('canvas.spectrogram').getAttribute('aria-label')).toBe('Linear-frequency spectrogram (STFT), 5 ms window, 0–22.05 kHz, 70 dB range');
    // the spectrogram is computed at the canvas's own width, not a small image stretched
    const canvasWidth = (await studio.page.evaluate(`(() => { const c = document.querySelector('canvas.spectrogram'); return [c.width, Math.round(c.getBoundingClientRect().width * devicePixelRatio)]; })()`)) as number[];
    expect(canvasWidth[0]).toBe(canvasWidth[1]);
    await shot('spectrogram-axes');

    await studio.page.locator('select[aria-label=Window]').selectOption('narrowband');
    await expect.poll(() => studio.page.locator('canvas.spectrogram').getAttribute('aria-label'), PATIENT).toContain('30 ms window');
    await studio.page.locator('select[aria-label=Spectrogram]').selectOption('mel');
    await expect.poll(() => studio.page.locator('canvas.spectrogram').getAttribute('aria-label'), PATIENT).toContain('Mel spectrogram, 80 bands');
    expect(await studio.page.locator('.spectrogram-row .axis-left').getAttribute('aria-label')).toBe('Frequency, mel scale (Hz)');
    expect(await texts('.spectrogram-row .axis-left .axis-tick')).toEqual(expect.arrayContaining(['500 Hz', '2 kHz', '10 kHz']));

    await studio.page.getByLabel('Show').selectOption('model');
    await expect.poll(() => studio.page.locator('.waveform .muted').first().textContent(), PATIENT).toContain('16000 Hz · 1 channel ·');
    await expect.poll(() => studio.page.locator('canvas.spectrogram').getAttribute('aria-label'), PATIENT).toContain('0–8 kHz');
    await studio.page.getByLabel('Show').selectOption('file');
    await studio.page.locator('select[aria-label=Spectrogram]').selectOption('linear');
    await expect.poll(() => studio.page.locator('canvas.spectrogram').getAttribute('aria-label'), PATIENT).toContain('0–22.05 kHz');
  });

  it('selects a region by dragging, plays just the selection, and reads time and frequency under the pointer', async () => {
    const page = studio.page;
    const wave = await page.locator('.lanes').boundingBox();
    if (!wave) throw new Error('no waveform on screen');
    await page.mouse.move(wave.x + wave.width * 0.25, wave.y + 40);
    await page.mouse.down();
    await page.mouse.move(wave.x + wave.width * 0.4, wave.y + 40, { steps: 8 });
    await page.mouse.move(wave.x + wave.width * 0.5, wave.y + 40, { steps: 8 });
    await page.mouse.up();
    const selection = (await page.getByTestId('selection').textContent()) ?? '';
    const [, start, end] = /Selection ([\d.]+)–([\d.]+) s/.exec(selection) ?? [];
    expect(Number(start)).toBeCloseTo(0.5, 1);
    expect(Number(end)).toBeCloseTo(1.0, 1);
    await shot('selection');
    await page.getByRole('button', { name: 'Play selection' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).count(), { timeout: 10_000 }).toBe(1);
    const played = (await page.locator('.waveform .time').textContent()) ?? '';
    const stoppedAt = Number(/0:(\d+\.\d+)/.exec(played)?.[1]);
    expect(stoppedAt).toBeGreaterThan(Number(start) + 0.2);
    expect(stoppedAt).toBeLessThan(Number(end) + 0.15);

    const spec = await page.locator('canvas.spectrogram').boundingBox();
    if (!spec) throw new Error('no spectrogram on screen');
    await page.mouse.move(spec.x + spec.width * 0.75, spec.y + spec.height * (1 - 12000 / 22050));
    const readout = (await page.getByLabel('Time and frequency under the pointer').textContent()) ?? '';
    const [, t, khz] = /([\d.]+) s · ([\d.]+) kHz/.exec(readout) ?? [];
    expect(Number(t)).toBeCloseTo(1.5, 1);
    expect(Number(khz)).toBeCloseTo(12, 0);
    await page.mouse.move(wave.x + wave.width * 0.1, wave.y + 20);
    expect(Number((await page.getByLabel('Time under the pointer').textContent())?.replace(' s', ''))).toBeCloseTo(0.2, 1);
  });

  it('zooms past 500 px/s down to single samples (drawn as points, the time axis in 0.1 ms) and back to fit', async () => {
    const page = studio.page;
    await page.getByRole('slider', { name: 'Zoom' }).fill('1000');
    await expect.poll(async () => Number(await page.locator('.waveform').getAttribute('data-px-per-sec')), PATIENT).toBeGreaterThan(500_000);
    await expect.poll(() => page.getByTestId('wave-canvas').getAttribute('data-exact'), PATIENT).toBe('true');
    const ticks = await texts('.time-axis .axis-tick');
    expect(ticks.every((t) => /^\d\.\d{4,5}$/.test(t))).toBe(true);
    await shot('deep-zoom');
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect.poll(() => page.getByTestId('wave-canvas').getAttribute('data-exact'), PATIENT).toBe('false');
    expect((await texts('.time-axis .axis-tick')).at(-1)).toBe('2.0');
  });

  it('draws a file peaking at -25 dBFS smaller than one at -8 dBFS, unless the view is normalised', async () => {
    const page = studio.page;
    const painted = () => page.evaluate(`(${PAINTED})()`) as Promise<number>;
    await dropFile(page, 'loud.wav', tone(-8));
    await expect.poll(() => page.locator('.waveform .muted').first().textContent(), PATIENT).toContain('peak -8.0 dBFS');
    await expect.poll(painted, PATIENT).toBeGreaterThan(0.3);
    const loud = await painted();
    await dropFile(page, 'quiet.wav', tone(-25));
    await expect.poll(() => page.locator('.waveform .muted').first().textContent(), PATIENT).toContain('peak -25.0 dBFS');
    await expect.poll(painted, PATIENT).toBeLessThan(0.1);
    expect(loud).toBeLessThan(0.45);
    await page.getByLabel('Normalise view').check();
    await expect.poll(painted, PATIENT).toBeGreaterThan(0.9);
    expect(await texts('.lanes .axis-left .axis-tick')).toEqual(['-0.04', '-0.02', '0', '0.02', '0.04']);
  });
});
