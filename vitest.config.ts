import { defineConfig } from "vitest/config";

/**
 * Test files run in parallel, each in its own process: servers listen on free ports, databases and
 * browser profiles live in temporary folders, and the client is built once behind a lock
 * (test/e2e/support/build.ts). Most integration time is waiting on real clocks, so more workers than
 * cores pays off.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 4,
  },
});
