/**
 * Progress of long CLI work, on stderr: a bar (cli-progress) when stderr is a terminal, plain lines elsewhere (pipes,
 * log files, tests). Commands feed it (done, total, message) and log lines; on a terminal the log lines scroll above
 * the bar. stdout is never touched, so `--json` output stays one JSON document.
 */
import cliProgress from 'cli-progress';

/** Where progress goes: stderr, or a test's fake. A stream with isTTY true gets the bar. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** Terminal width (the bar's line is clipped to it). */
  readonly columns?: number;
}

/** How updates are shown off a terminal. */
export interface UpdateOptions {
  /**
   * Print the message as a line only when `done` is a multiple of this, and at the end (done >= total); 0: never (the
   * update only moves the bar, e.g. a training step, whose epoch lines say enough). Default 1: every update.
   */
  lineEvery?: number;
}

/** A command's progress reporter (CommandContext.progress). */
export interface Progress {
  /** A line of its own (data loading, a skipped file, an epoch summary): above the bar, or a plain line. */
  log(message: string): void;
  /** Moves the bar to `done` of `total`, labelled `message`; off a terminal prints `message` as a line (see lineEvery). */
  update(done: number, total: number, message: string, options?: UpdateOptions): void;
  /** Clears the bar (before results or errors are printed). Safe to call more than once; a later update shows it again. */
  stop(): void;
}

/** The reporter for a stream: a bar on a terminal, plain lines elsewhere. */
export function createProgress(stream: ProgressStream): Progress {
  return stream.isTTY === true ? new BarProgress(stream) : new LineProgress(stream);
}

class LineProgress implements Progress {
  constructor(private readonly stream: ProgressStream) {}

  log(message: string): void {
    this.stream.write(`${message}\n`);
  }

  update(done: number, total: number, message: string, options?: UpdateOptions): void {
    const every = options?.lineEvery ?? 1;
    if (every > 0 && (done % every === 0 || done >= total)) this.log(message);
  }

  stop(): void {}
}

/** The bar's look: `████░░░░ 42% | epoch 3/10, loss 0.412`. */
const BAR_OPTIONS: cliProgress.Options = {
  format: '{bar} {percentage}% | {message}',
  barsize: 30,
  barCompleteChar: '\u2588',
  barIncompleteChar: '\u2591',
  clearOnComplete: true,
  hideCursor: false,
  fps: 10,
};

class BarProgress implements Progress {
  private bar: cliProgress.SingleBar | null = null;
  private state = { done: 0, total: 1, message: '' };

  constructor(private readonly stream: ProgressStream) {}

  log(message: string): void {
    // cli-progress redraws its one line in place, so a log line is written with the bar taken down, then it is redrawn.
    const shown = this.bar !== null;
    this.stop();
    this.stream.write(`${message}\n`);
    if (shown) this.show();
  }

  update(done: number, total: number, message: string): void {
    this.state = { done, total, message };
    if (!this.bar) return this.show();
    this.bar.setTotal(total);
    this.bar.update(done, { message });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }

  private show(): void {
    this.bar = new cliProgress.SingleBar({ ...BAR_OPTIONS, stream: this.stream as unknown as NodeJS.WritableStream });
    this.bar.start(this.state.total, this.state.done, { message: this.state.message });
  }
}
