/**
 * Redis for the scale-out suites: a real redis-server started on a free loopback port (scripts/cluster.ts,
 * shared with the load test). Without redis-server on PATH the suites skip with a loud notice, or fail
 * when SKYSHIELD_REQUIRE_ALL=1 (CI).
 */
import { describe, expect, it } from "vitest";
import { redisServerAvailable } from "../../scripts/cluster.js";

export { type RedisServer, startRedis } from "../../scripts/cluster.js";

export const redisAvailable = redisServerAvailable();
export const requireAll = process.env.SKYSHIELD_REQUIRE_ALL === "1";

/**
 * Call at the top of a suite file: prints the notice when redis-server is missing, and registers a
 * failing test in its place when SKYSHIELD_REQUIRE_ALL=1. Run the suite with `describe.runIf(redisAvailable)`.
 */
export function requireRedis(suite: string): void {
  if (redisAvailable) return;
  const line = "!".repeat(78);
  console.warn(
    `\n${line}\n!! ${suite}: SKIPPED — redis-server is not on PATH.\n!! Install it (apt-get install -y redis-server).\n!! With SKYSHIELD_REQUIRE_ALL=1 this is a failure.\n${line}\n`,
  );
  describe.runIf(requireAll)(`${suite} prerequisites`, () => {
    it("needs redis-server when SKYSHIELD_REQUIRE_ALL=1", () => {
      expect.fail("redis-server is missing but SKYSHIELD_REQUIRE_ALL=1 requires the Redis suites to run");
    });
  });
}
