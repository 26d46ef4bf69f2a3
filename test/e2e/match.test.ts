import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/artifacts.js";
import { type BrowserPage, chromiumAvailable, openPage } from "./support/browser.js";
import { ensureClientBuilt } from "./support/build.js";
import { requireBrowser } from "./support/prerequisites.js";
import { type RunningServer, startServer } from "./support/server.js";

/**
 * The whole exercise in real Chromium against the real server: an instructor creates a training-range
 * match with a scripted attacker, a defender joins by code, places a unit and readies, the night runs
 * (tracks, intercepts in the feed), a spectator follows through the deep link, and the debrief shows
 * the summary. No page may log a console error.
 */
requireBrowser("browser e2e (test/e2e/match.test.ts)");

/** Where a km point of the theatre is on the page. */
async function pagePoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([px, py]) => window.__skyshieldMap!.toPage(px, py), [x, y] as const);
}

async function statValue(page: Page, id: string): Promise<number> {
  const text = (await page.textContent(`[data-testid=stat-${id}]`)) ?? "";
  return Number(text.replace(/[^\d.]/g, "")) || 0;
}

describe.runIf(chromiumAvailable)("a training-range match in the browser", () => {
  let server: RunningServer;
  const pages: BrowserPage[] = [];
  let code = "";

  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startServer();
  }, 180_000);

  afterAll(async () => {
    for (const p of pages) await p.close();
    await server?.stop();
  });

  const open = async () => {
    const p = await openPage();
    pages.push(p);
    return p;
  };

  it("is created by an instructor with a scripted attacker", async () => {
    const { page } = await open();
    await page.goto(`${server.url}/`);
    await page.waitForSelector("[data-testid=scenario-training-range]");
    await screenshot(page, "home");
    await page.fill("[data-testid=name]", "Instructor Vega");
    await page.check("[data-testid=scenario-training-range]");
    await page.selectOption("[data-testid=fill-attacker]", "plan");
    await page.selectOption("[data-testid=fill-defender]", "human");
    // A slower clock than the default leaves the browser time to watch the 20-minute night.
    await page.fill("[data-testid=time-scale]", "20");
    await page.click("[data-testid=create-match]");
    code = ((await page.textContent("[data-testid=created-code]", { timeout: 20_000 })) ?? "").trim();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await page.waitForSelector("[data-testid=created] [data-testid=join-qr] svg");
    await page.click("[data-testid=created-close]");
    await page.waitForSelector("[data-testid=instructor-console]");
    expect(await page.textContent("[data-testid=match-code]")).toBe(code);
  });

  it("is joined by a defender by code, who places a unit and readies", async () => {
    const instructor = pages[0].page;
    const { page } = await open();
    await page.goto(`${server.url}/`);
    // The new match is public: it is listed on the home page.
    await page.waitForSelector(`[data-testid=public-match][data-code="${code}"]`, { timeout: 15_000 });
    await page.fill("[data-testid=name]", "Cadet Ruiz");
    await page.fill("[data-testid=join-code]", code.toLowerCase());
    await page.selectOption("[data-testid=join-seat]", "defender");
    await page.click("[data-testid=join-submit]");
    await page.waitForSelector("[data-testid=seat-badge]:has-text('defender')");

    await instructor.click("[data-testid=advance-phase]");
    await page.waitForSelector("[data-testid=phase]:has-text('Planning')");
    await page.click("[data-testid=place-medium-sam]");
    const at = await pagePoint(page, 10, 18);
    await page.mouse.move(at.x, at.y);
    await page.mouse.click(at.x, at.y);
    await page.keyboard.press("Escape");
    const card = page.locator("[data-testid^=unit-]").filter({ hasText: "Medium SAM" });
    await card.first().waitFor({ timeout: 10_000 });

    // A unit placed in the attacker's country is refused, and the reason shows where it was clicked.
    await page.click("[data-testid=place-gun]");
    const outside = await pagePoint(page, 110, 0);
    await page.mouse.click(outside.x, outside.y);
    const refusal = page.locator(".mapnote [data-testid=order-error]");
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toMatch(/^Not allowed there: .*not in defender land$/);
    // Clicked near the map's edge, the note is moved so that all of it stays over the map.
    const overMap = await refusal.evaluate((el) => {
      const note = el.getBoundingClientRect();
      const map = document.getElementById("map-overlay")!.getBoundingClientRect();
      return note.left >= map.left && note.right <= map.right;
    });
    expect(overMap).toBe(true);
    await page.keyboard.press("Escape");
    // At 1280×720 the legend starts folded, covering no corner of the theatre; L opens and folds it.
    const legendOpen = () => page.$eval("[data-testid=legend]", (el) => (el as HTMLDetailsElement).open);
    expect(await legendOpen()).toBe(false);
    await page.keyboard.press("l");
    expect(await legendOpen()).toBe(true);
    await screenshot(page, "planning");
    await page.keyboard.press("l");
    expect(await legendOpen()).toBe(false);

    // A dropped connection shows the banner, reconnects by itself, and nothing is lost.
    await page.evaluate(() => {
      const banner = document.getElementById("banner")!;
      (window as unknown as { bannerSeen: boolean }).bannerSeen = false;
      new MutationObserver(() => {
        if (!banner.hidden) (window as unknown as { bannerSeen: boolean }).bannerSeen = true;
      }).observe(banner, { attributes: true, childList: true, subtree: true });
      window.__skyshieldDebug!.dropConnection();
    });
    await page.waitForFunction(() => (window as unknown as { bannerSeen: boolean }).bannerSeen);
    await page.waitForSelector("#banner", { state: "hidden", timeout: 20_000 });
    await card.first().waitFor();

    await page.click("[data-testid=ready]");
    // With every human seat ready the night may start at once.
    await page.waitForSelector(
      "[data-testid=ready][aria-pressed=true], [data-testid=phase]:has-text('Live')",
    );
  });

  it("runs the night: tracks appear and intercepts show in the feed", async () => {
    const instructor = pages[0].page;
    const defender = pages[1].page;
    if (!(await defender.isVisible("[data-testid=phase]:has-text('Live')"))) {
      await instructor.click("[data-testid=advance-phase]");
    }
    await defender.waitForSelector("[data-testid=phase]:has-text('Live')", { timeout: 20_000 });
    await defender.waitForFunction(() => (window.__skyshieldMap?.tracksDrawn ?? 0) > 0, null, {
      timeout: 30_000,
    });
    expect(await statValue(defender, "in-air")).toBeGreaterThan(0);
    await defender.waitForSelector("[data-testid=feed-entry][data-kind=intercept]", { timeout: 60_000 });
    expect(await defender.locator("[data-testid=feed-entry][data-kind=intercept]").count()).toBeGreaterThan(
      0,
    );
    // The white cell pauses the night (the pictures hold still for the screenshots), switches to the
    // defender's picture and back, and resumes.
    await instructor.click("[data-testid=pause]");
    await defender.waitForSelector("[data-testid=run-state]:has-text('paused')");
    await screenshot(defender, "live");
    await screenshot(instructor, "instructor-console");
    // docs/screen.md: colour-blind safe. The same picture as a deuteranope sees it, for people to look at.
    const cdp = await defender.context().newCDPSession(defender);
    await cdp.send("Emulation.setEmulatedVisionDeficiency", { type: "deuteranopia" });
    await screenshot(defender, "live-deuteranopia");
    await cdp.send("Emulation.setEmulatedVisionDeficiency", { type: "none" });
    await instructor.click("[data-testid=view-defender]");
    await instructor.waitForSelector("[data-testid=view-badge]:has-text('defender')");
    await instructor.click("[data-testid=view-truth]");
    await instructor.waitForSelector("[data-testid=view-badge]:has-text('truth')");
    await instructor.click("[data-testid=pause]");
    await defender.waitForSelector("[data-testid=run-state]:has-text('▶')");

    // One click fires a scheduled inject; it shows in the white cell's feed.
    await instructor.click("[data-testid^=fire-inject-]");
    await instructor.waitForSelector("[data-testid=feed-entry][data-kind=inject]", { timeout: 20_000 });
  }, 120_000);

  it("lets a spectator follow through the deep link the instructor shares, with no order controls", async () => {
    // A person plays: the truth is for holders of the spectator key, which the instructor's link carries.
    const shared = await pages[0].page.getAttribute("[data-testid=link-spectator]", "href");
    expect(shared).toMatch(/[?&]skey=/);
    // The link is built on this machine's network address; the test server listens on loopback only.
    const { pathname, hash } = new URL(shared ?? "");
    const { page } = await open();
    await page.goto(`${server.url}${pathname}${hash}`);
    await page.waitForSelector("[data-testid=prompt-name]");
    await page.fill("[data-testid=prompt-name]", "Class screen");
    await page.click("[data-testid=prompt-join]");
    await page.waitForSelector("[data-testid=spectator-controls]");
    expect(await page.textContent("[data-testid=match-code]")).toBe(code);
    expect(
      await page.locator("[data-testid=ready], [data-testid^=place-], [data-testid=advance-phase]").count(),
    ).toBe(0);
    await page.click("[data-testid=follow]");
    await page.waitForSelector("[data-testid=follow][aria-pressed=true]");
  });

  it("ends in a debrief with the summary", async () => {
    const instructor = pages[0].page;
    const defender = pages[1].page;
    await instructor.waitForSelector(
      "[data-testid=phase]:has-text('Assessment'), [data-testid=phase]:has-text('Debrief')",
      {
        timeout: 90_000,
      },
    );
    if (await instructor.isVisible("[data-testid=phase]:has-text('Assessment')")) {
      await defender.waitForSelector("[data-testid=assessment]");
      await screenshot(defender, "assessment");
      // The last night's assessment: finishing the exercise asks first.
      await instructor.click("[data-testid=advance-phase]");
      await instructor.click("[data-testid=confirm-ok]");
    }
    for (const page of [instructor, defender, pages[2].page]) {
      await page.waitForSelector("[data-testid=debrief][data-final=true]", { timeout: 30_000 });
      expect(Number((await page.textContent("[data-testid=kpi-threats_launched] b")) ?? "0")).toBeGreaterThan(
        0,
      );
    }
    await screenshot(defender, "debrief");
  }, 150_000);

  it("logged no console errors in any page", () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
