import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // training runs use one thread unless a test asks for more, so results do not depend on the machine's cores
    env: { KIELO_THREADS: '1' },
  },
});
