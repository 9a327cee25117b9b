import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium against a real server with the demo county (see test/e2e/server.ts).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // A busy machine can take more than expect.poll's default second to answer a search or draw a list.
    expect: { poll: { timeout: 15_000 } },
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
