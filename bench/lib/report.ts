/** Shared helpers for benches: timing and one-line figures with their ratio against a reference. */

/** Seconds taken by one call of `fn` (high-resolution wall clock). */
export function timeOnce(fn: () => void): number {
  const start = performance.now();
  fn();
  return (performance.now() - start) / 1000;
}

/** Wall-clock and CPU seconds (user + system of this process) taken by one call of `fn`. */
export function timeWallAndCpu(fn: () => void): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const wall = timeOnce(fn);
  const used = process.cpuUsage(cpuStart);
  return { wall, cpu: (used.user + used.system) / 1e6 };
}

/** Best (shortest) of `repeats` timed calls of `fn`, in seconds, after `warmup` untimed calls. */
export function bestTime(fn: () => void, repeats = 3, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  let best = Infinity;
  for (let i = 0; i < repeats; i++) best = Math.min(best, timeOnce(fn));
  return best;
}

/** A figure with an optional reference measured in the same run; `higherIsBetter` orients the ratio. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  reference?: { name: string; value: number };
  higherIsBetter?: boolean;
}

/** "name: figure unit (ratio x vs reference)", the one format every bench prints. */
export function formatFigure(f: Figure): string {
  const digits = Math.abs(f.value) >= 100 ? 0 : Math.abs(f.value) >= 10 ? 1 : 2;
  let line = `${f.name}: ${f.value.toFixed(digits)} ${f.unit}`;
  if (f.reference) {
    const ratio = (f.higherIsBetter ?? true) ? f.value / f.reference.value : f.reference.value / f.value;
    line += ` (${ratio.toFixed(2)}x vs ${f.reference.name})`;
  }
  return line;
}

/** Prints a figure on stdout in the format of formatFigure. */
export function reportFigure(f: Figure): void {
  console.log(formatFigure(f));
}

/** Node, CPU and the time, so figures can be compared only where the machine matches. */
export async function machineLine(): Promise<string> {
  const os = await import('node:os');
  const cpus = os.cpus();
  const load = os.loadavg()[0].toFixed(1);
  return `node ${process.version}, ${cpus[0]?.model ?? 'unknown CPU'} (${cpus.length} logical cores visible, one used), load average ${load}, ${new Date().toISOString()}`;
}
