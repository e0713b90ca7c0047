/** The CLI's progress reporter: plain lines off a terminal, a bar with log lines above it on one. */
import { describe, expect, it } from 'vitest';
import { createProgress, type ProgressStream } from '../../src/cli/progress';

function fakeStream(isTTY: boolean): ProgressStream & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, columns: 100, write: (t: string) => chunks.push(t), text: () => chunks.join('') };
}

describe('createProgress', () => {
  it('off a terminal prints log lines and update messages as plain lines, every lineEvery-th and the last', () => {
    const stream = fakeStream(false);
    const progress = createProgress(stream);
    progress.log('loading data');
    for (let done = 1; done <= 5; done++) progress.update(done, 5, `scored ${done}/5`, { lineEvery: 2 });
    progress.update(1, 10, 'a training step', { lineEvery: 0 });
    progress.update(1, 2, '[1/2] one.wav');
    progress.stop();
    expect(stream.text()).toBe('loading data\nscored 2/5\nscored 4/5\nscored 5/5\n[1/2] one.wav\n');
  });

  it('on a terminal draws a bar with the message, writes log lines above it and clears it on stop', () => {
    const stream = fakeStream(true);
    const progress = createProgress(stream);
    progress.update(1, 4, 'epoch 1/4, loss 0.693');
    const bar = stream.text();
    expect(bar).toContain('\u2588');
    expect(bar).toContain('25% | epoch 1/4, loss 0.693');
    expect(bar).not.toContain('\n');
    progress.log('epoch 1: loss 0.693');
    const afterLog = stream.text().slice(bar.length);
    expect(afterLog).toContain('epoch 1: loss 0.693\n');
    // The bar is drawn again below the log line.
    expect(afterLog.slice(afterLog.indexOf('epoch 1: loss 0.693\n'))).toContain('25% | epoch 1/4, loss 0.693');
    progress.update(4, 4, 'epoch 4/4');
    progress.stop();
    progress.stop();
    const all = stream.text();
    expect(all).toContain('100% | epoch 4/4');
    expect(all.endsWith('\x1b[2K')).toBe(true); // the bar's line is cleared for what follows
  });
});
