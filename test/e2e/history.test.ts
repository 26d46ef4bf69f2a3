import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGameServer, type GameServer } from "../../server/app.js";
import { EVENT_COLUMNS } from "../../server/store/export.js";
import { History } from "../../server/store/history.js";
import type { SidePost } from "../../shared/side-channel.js";
import type { MatchSummary } from "../../sim/api.js";
import { createAs, getJson, parseCsv, planMatch, until } from "../integration/history-harness.js";
import { tempDir } from "../unit/store/helpers.js";
import { screenshot } from "./support/artifacts.js";
import { type BrowserPage, chromiumAvailable, openPage } from "./support/browser.js";
import { DIST, ensureClientBuilt } from "./support/build.js";
import { requireBrowser } from "./support/prerequisites.js";

/**
 * History in real Chromium against the real server: a recorded training-range match is found on the
 * history page, its debrief charts open, its events download as CSV, and its replay plays, scrubs and
 * switches to a side's view, whose feed carries that side's chat and markers and never the other
 * side's. Screenshots go to test-artifacts/history-*.png. No console errors.
 */
requireBrowser("history e2e (test/e2e/history.test.ts)");

const BOOKMARK = "first salvo inbound";

/** The crews' posts the record is given (the room records them the same way, server/store/match-recording.ts). */
const head = { round: 1, t: 300 };
const POSTS: SidePost[] = [
  {
    kind: "chat",
    post: { ...head, from: "Ines", role: "instructor", side: "", channel: "all", text: "Night one begins" },
  },
  {
    kind: "chat",
    post: {
      ...head,
      from: "Ari",
      role: "planner-airbase",
      side: "attacker",
      channel: "side",
      text: "ATTACKER-ONLY strike the north at dawn",
    },
  },
  {
    kind: "marker",
    post: {
      ...head,
      from: "Dana",
      role: "sector-east",
      side: "defender",
      at: { x: 10, y: 5 },
      label: "DEFENDER gap here",
    },
  },
  {
    kind: "chat",
    post: {
      ...head,
      from: "Dana",
      role: "sector-east",
      side: "defender",
      channel: "role",
      text: "DEFENDER-ROLE hold the guns",
    },
  },
];

describe.runIf(chromiumAvailable)("history, debrief and replay in the browser", () => {
  const tmp = tempDir("skyshield-e2e-history-");
  let game: GameServer;
  let history: History;
  let url = "";
  let matchId = "";
  let browser: BrowserPage;
  let page: Page;

  beforeAll(async () => {
    await ensureClientBuilt();
    history = new History({ path: join(tmp.dir, "history.db") });
    game = createGameServer({ logLevel: "warn", distDir: DIST, history });
    url = `http://127.0.0.1:${await game.listen(0, "127.0.0.1")}`;
    const instructor = await createAs(url, planMatch(16, 300), "instructor");
    matchId = (await instructor.welcome).matchId;
    await until(
      "the night",
      () => instructor.room.state.phase === "live" && instructor.room.state.clock > 240,
    );
    instructor.room.send("bookmark", { note: BOOKMARK });
    await until("the match to end", () => instructor.summaries.some((s) => s.final), 120_000);
    await instructor.room.leave();
    await until(
      "the record",
      async () => (await getJson<{ status: string }>(`${url}/api/history/${matchId}`)).status === "finished",
    );
    for (const post of POSTS)
      history.recorder.durable({ kind: "side-post", matchId, post, atMs: Date.now() });
    browser = await openPage();
    page = browser.page;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await game?.shutdown();
    tmp.cleanup();
  });

  it("lists the recorded match on the history page, reached from home", async () => {
    await page.goto(`${url}/#/`);
    await page.click("[data-testid=open-history]");
    const row = page.locator(`[data-testid=history-row][data-id="${matchId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain("Training");
    await page.selectOption("[data-testid=filter-result]", "abandoned");
    await page.locator("[data-testid=history-status]", { hasText: "No recorded match fits." }).waitFor();
    await page.selectOption("[data-testid=filter-result]", "");
    await row.waitFor();
    await screenshot(page, "history-list");
  });

  it("opens the debrief: verified replay, charts, leaks and layers", async () => {
    await page.locator(`[data-testid=history-row][data-id="${matchId}"] [data-testid=open-debrief]`).click();
    await page.locator("[data-testid=verification]").waitFor({ timeout: 60_000 });
    expect(await page.textContent("[data-testid=verification]")).toContain("Replay verified");
    for (const chart of [
      "chart-in-air",
      "chart-outcomes",
      "chart-spend",
      "chart-stocks",
      "chart-escalation",
    ]) {
      await page.locator(`[data-testid=${chart}] canvas`).first().waitFor();
    }
    expect(await page.locator("[data-testid=layer-table] tr").count()).toBeGreaterThan(1);
    expect(await page.textContent("[data-testid=debrief-bookmarks]")).toContain(BOOKMARK);
    const posts = page.locator("[data-testid=debrief-posts]");
    expect(await posts.locator("[data-side=attacker]").textContent()).toContain("ATTACKER-ONLY");
    expect(await posts.locator("[data-side=defender]").textContent()).toContain("DEFENDER gap here");
    expect(await posts.locator("[data-side=instructor]").textContent()).toContain("Night one begins");
    await posts.scrollIntoViewIfNeeded();
    await screenshot(page, "history-debrief-posts");
    await screenshot(page, "history-debrief");
    await page.locator("[data-testid=leak-map]").scrollIntoViewIfNeeded();
    await screenshot(page, "history-debrief-leaks");
  });

  it("exports the events as CSV that parses and matches the match", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("[data-testid=download-events]"),
    ]);
    const rows = parseCsv(readFileSync((await download.path())!, "utf8"));
    expect(rows[0]).toEqual([...EVENT_COLUMNS]);
    const { summary } = await getJson<{ summary: MatchSummary }>(`${url}/api/history/${matchId}`);
    // Every launch is an event, decoys included (the scores count decoys apart).
    expect(rows.filter((r) => r[2] === "launch")).toHaveLength(
      summary.threats_launched + summary.decoys_launched,
    );
  });

  it("plays the replay, scrubs it, and shows a side's picture", async () => {
    await page.click("[data-testid=open-replay]");
    await page.locator("[data-testid=replay-timeline]").waitFor({ timeout: 30_000 });
    expect(await page.locator("[data-testid=timeline-bookmark]").count()).toBe(1);
    await page.selectOption("[data-testid=replay-speed]", "300");
    await page.click("[data-testid=replay-play]");
    await page.locator("[data-testid=replay-feed-entry]").first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    await screenshot(page, "history-replay-playing");
    await page.click("[data-testid=replay-play]");

    const scrubber = page.locator("[data-testid=replay-scrubber]");
    const max = Number(await scrubber.getAttribute("max"));
    await scrubber.evaluate(
      (el: HTMLInputElement, value) => {
        el.value = String(value);
        el.dispatchEvent(new Event("input", { bubbles: true }));
      },
      // The training range's interceptions come late in the night (after three quarters of it).
      Math.round(max * 0.9),
    );
    await until(
      "the scrubbed moment",
      async () => (await page.textContent("[data-testid=replay-clock]")) !== "00:00",
    );
    const intercepted = async () =>
      Number(
        (
          await page
            .locator("[data-testid=replay-score] tr", { hasText: "intercepted" })
            .locator("td")
            .textContent()
        )?.replace(/\D/g, ""),
      );
    await until("the score of that moment", async () => (await intercepted()) > 0);
    await screenshot(page, "history-replay-scrubbed");

    await page.selectOption("[data-testid=replay-view]", "defender");
    await page.waitForTimeout(500);
    const postTexts = () => page.locator("[data-testid=replay-post]").allTextContents();
    await until("the defender's posts", async () => (await postTexts()).length === 3);
    const defenderFeed = (await postTexts()).join("\n");
    expect(defenderFeed).toContain("DEFENDER gap here");
    expect(defenderFeed).toContain("DEFENDER-ROLE");
    expect(defenderFeed).toContain("Night one begins");
    expect(defenderFeed).not.toContain("ATTACKER-ONLY");
    await screenshot(page, "history-replay-defender-view");
    await page.selectOption("[data-testid=replay-view]", "attacker");
    await until("the attacker's posts", async () => (await postTexts()).length === 2);
    expect((await postTexts()).join("\n")).not.toContain("DEFENDER");
    await page.selectOption("[data-testid=replay-view]", "truth");
    await until("every post in the truth", async () => (await postTexts()).length === POSTS.length);
    await scrubber.evaluate((el: HTMLInputElement) => {
      el.value = "0";
      el.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await until("the start again", async () => (await intercepted()) === 0);
  });

  it("branches a new live match from the replay's moment, run by whoever branched it", async () => {
    await page.click("[data-testid=branch]");
    await page.locator("[data-testid=created-code]").waitFor({ timeout: 30_000 });
    const code = (await page.textContent("[data-testid=created-code]"))?.trim() ?? "";
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    const lookup = await getJson<{ phase: string }>(`${url}/api/matches/${code}`);
    expect(lookup.phase).toBe("live");
    await screenshot(page, "history-branch-created");
  });

  it("logged no console error on any page", () => {
    expect(browser.errors).toEqual([]);
  });
});
