/** KieloService.engine(): the engine, Kielo's kernels and the worker threads inference over many files uses. */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KieloService } from '../../src/api/service';

const dir = await mkdtemp(join(tmpdir(), 'kielo-service-engine-'));
afterAll(async () => {
  delete process.env.KIELO_HOME;
  await rm(dir, { recursive: true, force: true });
});

describe('KieloService.engine', () => {
  it("says which engine runs, with the thread count beside it: the machine's cores, at most 8", async () => {
    process.env.KIELO_HOME = join(dir, 'home');
    delete process.env.KIELO_THREADS; // which would fix the count
    const service = await KieloService.open(join(dir, 'project'));
    try {
      const engine = await service.engine();
      expect(['node', 'wasm', 'cpu']).toContain(engine.name);
      expect(engine.threads).toBe(Math.min(availableParallelism(), 8));
    } finally {
      await service.close();
    }
  });
});
