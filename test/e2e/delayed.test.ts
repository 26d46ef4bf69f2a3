import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../integration/helpers.js";
import { screenshot } from "./support/artifacts.js";
import { type BrowserPage, chromiumAvailable, openPage } from "./support/browser.js";
import { ensureClientBuilt } from "./support/build.js";
import { requireBrowser } from "./support/prerequisites.js";
import { type RunningServer, startServer } from "./support/server.js";

/**
 * A class screen on a match with a spectator delay shows the night one delay behind: its clock, and so
 * the tracks extrapolated to it, lag the white cell's by the delay times the time scale.
 */
requireBrowser("delayed spectator e2e (test/e2e/delayed.test.ts)");

const DELAY_SEC = 10;
const TIME_SCALE = 20;

/** "HH:MM" of simulated time on the screen, in seconds. */
function shownSeconds(text: string | null): number {
  const [hours, minutes] = (text ?? "").split(":").map(Number);
  return (hours * 60 + minutes) * 60;
}

describe.runIf(chromiumAvailable)("a delayed class screen in the browser", () => {
  let server: RunningServer;
  let screen: BrowserPage | undefined;
  let whiteCell: TestClient | undefined;

  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startServer();
  }, 180_000);

  afterAll(async () => {
    await screen?.close();
    await whiteCell?.leave();
    await server?.stop();
  });

  it("shows the clock one delay behind the white cell's", async () => {
    const port = new URL(server.url).port;
    const { Client } = await import("colyseus.js");
    whiteCell = await TestClient.create(new Client(`ws://127.0.0.1:${port}`), {
      scenario: "training-range",
      autostart: true,
      planningSec: 5,
      pacing: { mode: "realtime", timeScale: TIME_SCALE },
      spectatorDelaySec: DELAY_SEC,
      seats: { attacker: "plan", defender: "plan" },
      seat: "instructor",
      name: "White cell",
    });
    const live = whiteCell;
    await live.waitFor(() => live.state.code !== "", "the join code");

    screen = await openPage();
    const { page, errors } = screen;
    await page.goto(`${server.url}/#/match/${live.state.code}?seat=spectator&view=truth`);
    await page.waitForSelector("[data-testid=prompt-name]");
    await page.fill("[data-testid=prompt-name]", "Class screen");
    await page.click("[data-testid=prompt-join]");
    await page.waitForSelector("[data-testid=phase]:has-text('Live')", { timeout: 30_000 });
    // Once the screen's night is a few minutes old, compare it with the live clock at that moment.
    await page.waitForFunction(
      () => (document.querySelector("[data-testid=clock]")?.textContent?.trim() ?? "") >= "00:03",
      null,
      { timeout: 60_000 },
    );
    const shownSec = shownSeconds(await page.textContent("[data-testid=clock]"));
    const liveSec = live.state.clock;
    const lagSec = DELAY_SEC * TIME_SCALE;
    expect(liveSec - shownSec).toBeGreaterThanOrEqual(lagSec - 90);
    expect(liveSec - shownSec).toBeLessThanOrEqual(lagSec + 120);
    await screenshot(page, "delayed-spectator");
    expect(errors).toEqual([]);
  }, 120_000);
});
