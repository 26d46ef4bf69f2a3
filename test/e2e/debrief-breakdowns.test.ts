import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGameServer, type GameServer } from "../../server/app.js";
import { History } from "../../server/store/history.js";
import type { MatchSummary } from "../../sim/api.js";
import { createAs, getJson, planMatch, until } from "../integration/history-harness.js";
import { tempDir } from "../unit/store/helpers.js";
import { screenshot } from "./support/artifacts.js";
import { type BrowserPage, chromiumAvailable, openPage } from "./support/browser.js";
import { DIST, ensureClientBuilt } from "./support/build.js";
import { requireBrowser } from "./support/prerequisites.js";

/**
 * The debrief's breakdowns in real Chromium: threats by class with their warning, decoys, who
 * intercepted and incidents by nation, interceptors left night by night, and the debrief per crew (by
 * sector, by strike planner); they show the recorded summary's figures. Screenshots at 1280×720 and on a 390×844 touch phone go to
 * test-artifacts/debrief-breakdowns-*.png.
 */
requireBrowser("debrief breakdowns e2e (test/e2e/debrief-breakdowns.test.ts)");

describe.runIf(chromiumAvailable)("the debrief's breakdowns in the browser", () => {
  const tmp = tempDir("skyshield-e2e-breakdowns-");
  let game: GameServer;
  let url = "";
  let matchId = "";
  let summary: MatchSummary;
  const pages: BrowserPage[] = [];

  beforeAll(async () => {
    await ensureClientBuilt();
    const history = new History({ path: join(tmp.dir, "history.db") });
    game = createGameServer({ logLevel: "warn", distDir: DIST, history });
    url = `http://127.0.0.1:${await game.listen(0, "127.0.0.1")}`;
    const instructor = await createAs(url, planMatch(21, 400), "instructor");
    matchId = (await instructor.welcome).matchId;
    await until("the match to end", () => instructor.summaries.some((s) => s.final), 120_000);
    await instructor.room.leave();
    summary = await until("the record", async () => {
      const record = await getJson<{ status: string; summary: MatchSummary }>(
        `${url}/api/history/${matchId}`,
      );
      return record.status === "finished" && record.summary;
    });
  }, 240_000);

  afterAll(async () => {
    for (const p of pages) await p.close();
    await game?.shutdown();
    tmp.cleanup();
  });

  async function debrief(viewport: { width: number; height: number }, phone: boolean): Promise<Page> {
    const browser = await openPage(viewport, phone);
    pages.push(browser);
    await browser.page.goto(`${url}/#/history/${matchId}`);
    await browser.page.locator("[data-testid=class-table]").waitFor({ timeout: 60_000 });
    return browser.page;
  }

  const cells = async (page: Page, row: string) =>
    (await page.locator(row).locator("td").allTextContents()).map((t) => t.trim());

  it("shows the summary's breakdowns, as recorded", async () => {
    const page = await debrief({ width: 1280, height: 720 }, false);
    const drones = await cells(page, "[data-testid=class-table] tr[data-class=drone]");
    const d = summary.by_class.drone;
    expect(drones.slice(0, 5)).toEqual([
      "drones",
      ...[d.launched, d.intercepted, d.leaked, d.crashed].map(String),
    ]);
    expect(await page.textContent("[data-testid=decoy-line]")).toContain(
      `${summary.decoys_launched} decoys launched`,
    );
    const defender = await cells(page, "[data-testid=coalition-table] tr[data-nation=defender]");
    expect(defender).toEqual(["the defender", String(summary.intercepted_by.defender), "—"]);
    const gun = await cells(page, "[data-testid=stock-table] tr[data-layer=gun]");
    expect(gun.at(-1)).toBe(String(summary.per_round[0].layers.gun.stock_left));
    await page.locator("[data-testid=class-table]").scrollIntoViewIfNeeded();
    await screenshot(page, "debrief-breakdowns-desktop");
  });

  it("breaks the match down by sector and by strike planner, adding up to the totals", async () => {
    const page = await debrief({ width: 1280, height: 720 }, false);
    const column = async (testid: string, index: number) => {
      const rows = page.locator(`[data-testid=${testid}] tr:has(td)`);
      const texts = await rows.evaluateAll(
        (trs, i) => trs.map((tr) => tr.querySelectorAll("td")[i]?.textContent ?? "0"),
        index,
      );
      return texts.reduce((n, t) => n + Number(t.replace(/\s/g, "")), 0);
    };
    expect(await page.locator("[data-testid=sector-table] tr[data-sector]").count()).toBe(3);
    expect(await column("sector-table", 2)).toBe(summary.threats_leaked);
    expect(await column("planner-table", 1)).toBe(summary.threats_launched);
    expect(await column("planner-table", 2)).toBe(summary.threats_leaked);
    await page.locator("[data-testid=sector-table]").scrollIntoViewIfNeeded();
    await screenshot(page, "debrief-crews-desktop");
  });

  it("fits a phone: the tables scroll inside their boxes", async () => {
    const page = await debrief({ width: 390, height: 844 }, true);
    await page.locator("[data-testid=stock-table]").scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "debrief-breakdowns-phone");
    await page.locator("[data-testid=planner-table]").scrollIntoViewIfNeeded();
    const overflowAtCrews = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflowAtCrews).toBeLessThanOrEqual(0);
    await screenshot(page, "debrief-crews-phone");
    for (const p of pages) expect(p.errors).toEqual([]);
  });
});
