import { defineConfig } from "vitest/config";

/**
 * Test files run in parallel, each in its own process: servers listen on free ports, databases and
 * browser profiles live in temporary folders, and the client is built once behind a lock
 * (test/e2e/support/build.ts). Most unit and integration time is waiting on real clocks, so more
 * workers than cores pays off there. Browser tests run after them, two at a time: a chromium with its
 * server needs about a core, and one starved of CPU misses its waits.
 */
const shared = { setupFiles: ["test/setup.ts"], hookTimeout: 120_000 };

export default defineConfig({
  test: {
    pool: "forks",
    fileParallelism: true,
    projects: [
      {
        test: {
          ...shared,
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 60_000,
          maxWorkers: 4,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 90_000,
          maxWorkers: 4,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 180_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
