import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores: files run in parallel, two at a time, each with its own loopback servers.
    maxWorkers: 2,
  },
});
