import { describe, expect, it } from "vitest";
import { CHROMIUM, chromiumAvailable, requireAll } from "./browser.js";

/**
 * Call at the top of a browser suite file: prints a loud notice when chromium is missing, and registers a
 * failing test in the suite's place when SKYSHIELD_REQUIRE_ALL=1 (CI). Run the suite itself with
 * `describe.runIf(chromiumAvailable)`.
 */
export function requireBrowser(suite: string): void {
  if (chromiumAvailable) return;
  const line = "!".repeat(78);
  console.warn(
    `\n${line}\n!! ${suite}: SKIPPED — no chromium at ${CHROMIUM}.\n!! Install it (apt-get install -y chromium) or set SKYSHIELD_CHROMIUM.\n!! With SKYSHIELD_REQUIRE_ALL=1 this is a failure.\n${line}\n`,
  );
  describe.runIf(requireAll)(`${suite} prerequisites`, () => {
    it("needs chromium when SKYSHIELD_REQUIRE_ALL=1", () => {
      expect.fail("chromium is missing but SKYSHIELD_REQUIRE_ALL=1 requires the browser suites to run");
    });
  });
}
