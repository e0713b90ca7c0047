/** Timing for benches: the best of several rounds, by wall clock and by this process's CPU time (user + system). */

/** Runs `round` `rounds` times; the shortest wall-clock and the smallest CPU seconds any round took. */
export async function bestOf(rounds: number, round: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await round();
    const used = process.cpuUsage(startCpu);
    wall = Math.min(wall, (performance.now() - start) / 1000);
    cpu = Math.min(cpu, (used.user + used.system) / 1e6);
  }
  return { wall, cpu };
}
