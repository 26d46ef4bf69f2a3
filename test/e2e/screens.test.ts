import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botFactory } from "../../server/match/scripted.js";
import { History } from "../../server/store/history.js";
import { tempDir } from "../unit/store/helpers.js";
import { screenshot } from "./support/artifacts.js";
import {
  type BrowserPage,
  chromiumAvailable,
  launchBrowser,
  newTab,
  type ScreenName,
} from "./support/browser.js";
import { ensureClientBuilt } from "./support/build.js";
import { requireBrowser } from "./support/prerequisites.js";
import { type RunningServer, startServer } from "./support/server.js";

/**
 * Every screen of an exercise on the two large scenarios, at 1280×720 and on a 390×844 phone with touch:
 * home, join, lobby, planning, live, spectator, debrief, and the recorded match's debrief and replay.
 * Each screen is checked for what a student needs on it (the map, the controls, nothing cut off), and
 * saved as test-artifacts/screen-<scenario>-<screen>-<size>.png for people to look at. No console errors.
 */
requireBrowser("screens e2e (test/e2e/screens.test.ts)");

/** Who attacks each: a bot, or the scenario's own plan where a bot's swarm of thousands would starve the machine. */
const SCENARIOS = [
  { scenario: "wide-front", attacker: "bot:normal" },
  { scenario: "compact-shield", attacker: "plan" },
] as const;
const SIZES: Record<ScreenName, string> = { desktop: "1280", phone: "390" };

describe.runIf(chromiumAvailable)("every screen at 1280×720 and on a phone", () => {
  const tmp = tempDir("skyshield-e2e-screens-");
  let server: RunningServer;
  let browser: Browser;
  const tabs: BrowserPage[] = [];

  beforeAll(async () => {
    await ensureClientBuilt();
    const history = new History({ path: join(tmp.dir, "history.db") });
    server = await startServer({ bots: botFactory, history });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await browser?.close();
    await server?.stop();
    tmp.cleanup();
  });

  /** Tabs of the scenario being shot; closed at its end (every open map draws every frame). */
  let open: (screen: ScreenName) => Promise<Page>;

  function tabsForOneScenario(): { open: typeof open; closeAll: () => Promise<void> } {
    const mine: BrowserPage[] = [];
    return {
      open: async (screen) => {
        const tab = await newTab(browser, screen);
        mine.push(tab);
        tabs.push(tab);
        return tab.page;
      },
      closeAll: async () => {
        for (const tab of mine) await tab.close();
      },
    };
  }

  /** Nothing of the page is wider than the screen (no sideways scrolling, nothing cut off at the right). */
  async function fitsWidth(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  async function shoot(page: Page, scenario: string, screen: string, size: ScreenName): Promise<void> {
    await fitsWidth(page);
    await screenshot(page, `screen-${scenario}-${screen}-${SIZES[size]}`);
  }

  /** Move the match on from the instructor's console, confirming what asks for it (it asks at once). */
  async function advance(instructor: Page): Promise<void> {
    await instructor.click("[data-testid=advance-phase]");
    const ok = instructor.locator("[data-testid=confirm-ok]");
    if ((await ok.count()) > 0) await ok.click();
  }

  /** From the instructor's console, night after night, to the debrief. */
  async function playOut(instructor: Page): Promise<void> {
    const debrief = "[data-testid=phase]:has-text('Debrief')";
    const enabled = "[data-testid=advance-phase]:not([disabled])";
    for (let step = 0; step < 30 && !(await instructor.isVisible(debrief)); step++) {
      if (await instructor.isVisible(enabled)) await advance(instructor);
      await instructor.waitForTimeout(800);
    }
    await instructor.waitForSelector(debrief);
  }

  for (const { scenario, attacker } of SCENARIOS) {
    it(`${scenario}: home, join, lobby, planning, live, spectator, debrief and replay`, async () => {
      const session = tabsForOneScenario();
      open = session.open;
      const instructor = await open("desktop");
      const defender = { desktop: await open("desktop"), phone: await open("phone") };
      const spectator = { desktop: await open("desktop"), phone: await open("phone") };

      for (const size of ["desktop", "phone"] as const) {
        const page = defender[size];
        await page.goto(`${server.url}/`);
        await page.waitForSelector(`[data-testid=scenario-${scenario}]`);
        await page.check(`[data-testid=scenario-${scenario}]`);
        await shoot(page, scenario, "home", size);
      }

      await instructor.goto(`${server.url}/`);
      await instructor.fill("[data-testid=name]", "Instructor Vega");
      await instructor.check(`[data-testid=scenario-${scenario}]`);
      await instructor.selectOption("[data-testid=fill-attacker]", attacker);
      await instructor.selectOption("[data-testid=fill-defender]", "human");
      await instructor.fill("[data-testid=time-scale]", "600");
      await instructor.click("[data-testid=create-match]");
      const code = ((await instructor.textContent("[data-testid=created-code]")) ?? "").trim();
      // The classroom-screen link carries the spectator key (a person plays, so the truth needs it); it
      // is built on this machine's network address, the test server listens on loopback only.
      const shared = new URL((await instructor.getAttribute("[data-testid=link-spectator]", "href")) ?? "");
      await instructor.click("[data-testid=created-close]");

      for (const size of ["desktop", "phone"] as const) {
        const page = defender[size];
        await page.goto(`${server.url}/#/match/${code}?seat=defender`);
        await page.fill("[data-testid=prompt-name]", `Cadet ${size}`);
        await shoot(page, scenario, "join", size);
        await page.click("[data-testid=prompt-join]");
        await page.waitForSelector("[data-testid=phase]:has-text('Lobby')");
        await shoot(page, scenario, "lobby", size);
      }

      // The class screens join before the night, as a projector would be set up.
      for (const size of ["desktop", "phone"] as const) {
        const page = spectator[size];
        await page.goto(`${server.url}${shared.pathname}${shared.hash}`);
        await page.fill("[data-testid=prompt-name]", `Class screen ${size}`);
        await page.click("[data-testid=prompt-join]");
        await page.waitForSelector("[data-testid=spectator-controls]", { state: "attached" });
      }
      await advance(instructor);
      await defender.desktop.waitForSelector("[data-testid=catalogue]");
      await shoot(defender.desktop, scenario, "planning", "desktop");
      await defender.phone.tap("[data-testid=tab-left]");
      await defender.phone.waitForSelector("[data-testid=catalogue]");
      await shoot(defender.phone, scenario, "planning", "phone");
      await shoot(instructor, scenario, "instructor-planning", "desktop");

      // The phone joined second: a crew officer, whose commander (the laptop) says ready for the side.
      expect(await defender.phone.isHidden("[data-testid=ready]")).toBe(true);
      await defender.desktop.click("[data-testid=ready]");
      await instructor.waitForSelector("[data-testid=phase]:has-text('Live')", { timeout: 20_000 });
      // The attacker bot's first salvos may be timed late in the night: wait for the defence to see them.
      await defender.desktop.waitForFunction(() => (window.__skyshieldMap?.tracksDrawn ?? 0) > 0, null, {
        timeout: 150_000,
      });
      await defender.desktop.waitForTimeout(2500);
      await instructor.click("[data-testid=pause]");
      await defender.desktop.waitForSelector("[data-testid=run-state]:has-text('paused')");
      await defender.phone.tap("[data-testid=tab-map]");
      for (const size of ["desktop", "phone"] as const) {
        await shoot(defender[size], scenario, "live", size);
        await shoot(spectator[size], scenario, "spectator", size);
      }
      await defender.phone.tap("[data-testid=tab-right]");
      await shoot(defender.phone, scenario, "live-events", "phone");
      await spectator.phone.tap("[data-testid=tab-bottom]");
      await shoot(spectator.phone, scenario, "spectator-score", "phone");
      await shoot(instructor, scenario, "instructor-live", "desktop");
      await instructor.click("[data-testid=pause]");

      await playOut(instructor);
      let matchId = "";
      for (const size of ["desktop", "phone"] as const) {
        const page = defender[size];
        await page.waitForSelector("[data-testid=debrief][data-final=true]", { timeout: 30_000 });
        await shoot(page, scenario, "debrief", size);
        matchId =
          ((await page.getAttribute("[data-testid=debrief-charts]", "href")) ?? "").split("/").pop() ?? "";
      }
      expect(matchId).not.toBe("");

      for (const size of ["desktop", "phone"] as const) {
        const page = spectator[size];
        await page.goto(`${server.url}/#/history/${matchId}`);
        // The first reader of a finished match waits for its analysis: a replay of every night on a worker thread.
        await page.waitForSelector("[data-testid=debrief-figures]", { timeout: 180_000 });
        await shoot(page, scenario, "history-debrief", size);
        await page.goto(`${server.url}/#/history/${matchId}/replay`);
        await page.waitForSelector("[data-testid=replay-clock]", { timeout: 60_000 });
        await page.waitForTimeout(1500);
        await shoot(page, scenario, "replay", size);
      }
      await session.closeAll();
    }, 600_000);
  }

  it("logged no console errors in any page", () => {
    expect(tabs.flatMap((t) => t.errors)).toEqual([]);
  });
});
