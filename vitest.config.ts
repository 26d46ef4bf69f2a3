import { defineConfig } from "vitest/config";

/**
 * Test files run in parallel, each in its own process: servers listen on free ports, databases and
 * browser profiles live in temporary folders, and the client is built once behind a lock
 * (test/e2e/support/build.ts). Most integration time is waiting on real clocks, so more workers than
 * cores pays off. Browser tests share the machine with everything else, so a step may take several
 * times what it takes alone: their per-test limit is wider.
 */
const shared = { setupFiles: ["test/setup.ts"], hookTimeout: 120_000 };

export default defineConfig({
  test: {
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 4,
    projects: [
      { test: { ...shared, name: "unit", include: ["test/unit/**/*.test.ts"], testTimeout: 60_000 } },
      {
        test: {
          ...shared,
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 90_000,
        },
      },
      { test: { ...shared, name: "e2e", include: ["test/e2e/**/*.test.ts"], testTimeout: 180_000 } },
    ],
  },
});
