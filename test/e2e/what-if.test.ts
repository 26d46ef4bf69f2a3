import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGameServer, type GameServer } from "../../server/app.js";
import { History } from "../../server/store/history.js";
import { tempDir } from "../unit/store/helpers.js";
import { screenshot } from "./support/artifacts.js";
import { type BrowserPage, chromiumAvailable, openPage } from "./support/browser.js";
import { DIST, ensureClientBuilt } from "./support/build.js";
import { requireBrowser } from "./support/prerequisites.js";

/**
 * The what-if analysis screen in real Chromium, as an instructor uses it from the lobby: toggle a
 * variant for B, start a 20-run comparison, watch the progress move and the distributions so far, then
 * read both distributions side by side; a match created from the lobby with a variant toggled plays it;
 * the analysis reopened by its link on a 390×844 touch phone. Screenshots go to
 * test-artifacts/what-if-*.png.
 */
requireBrowser("what-if analysis e2e (test/e2e/what-if.test.ts)");

describe.runIf(chromiumAvailable)("the what-if analysis in the browser", () => {
  const tmp = tempDir("skyshield-e2e-what-if-");
  let game: GameServer;
  let url = "";
  let jobHash = "";
  const pages: BrowserPage[] = [];

  beforeAll(async () => {
    await ensureClientBuilt();
    const history = new History({ path: join(tmp.dir, "history.db") });
    game = createGameServer({ logLevel: "warn", distDir: DIST, history });
    url = `http://127.0.0.1:${await game.listen(0, "127.0.0.1")}`;
  }, 240_000);

  afterAll(async () => {
    for (const p of pages) await p.close();
    await game?.shutdown();
    tmp.cleanup();
  });

  it("compares 20 runs of the training range with and without a variant, with live progress", async () => {
    const browser = await openPage({ width: 1280, height: 720 }, false);
    pages.push(browser);
    const { page } = browser;
    await page.goto(`${url}/#/`);
    await page.click("[data-testid=open-analysis]");
    await page.selectOption("[data-testid=analysis-scenario]", "training-range");
    await page.fill("[data-testid=analysis-runs]", "20");
    await page.check("[data-testid=variant-B-trigger-happy-sam]");
    expect(await page.isChecked("[data-testid=variant-A-trigger-happy-sam]")).toBe(false);
    await screenshot(page, "what-if-form");
    await page.click("[data-testid=analysis-start]");

    const progress = page.locator("[data-testid=analysis-progress]");
    const seen = new Set<string>();
    let partialSeen = false;
    await page.waitForFunction(() => location.hash.startsWith("#/analysis/"));
    while (!(await page.locator("[data-testid=analysis-result]").isVisible())) {
      seen.add(await progress.evaluate((el: HTMLProgressElement) => `${el.value}/${el.max}`));
      const partial = page.locator("[data-testid=analysis-partial]");
      if (!partialSeen && (await partial.isVisible())) {
        // The distributions so far, A and B over the same first seeds, while the rest still run.
        expect(await partial.textContent()).toMatch(/So far: \d+ of 20 runs each/);
        expect(await partial.locator("[data-metric=leak_rate] .box-b").count()).toBe(1);
        await screenshot(page, "what-if-partial");
        partialSeen = true;
      }
      await page.waitForTimeout(150);
    }
    expect(partialSeen, "partial distributions shown while the analysis ran").toBe(true);
    const partial = [...seen].filter((s) => !s.startsWith("0/") && s !== "40/40");
    expect(partial.length, `progress seen: ${[...seen].join(" ")}`).toBeGreaterThan(0);
    expect(await page.textContent("[data-testid=analysis-status]")).toContain("40 of 40 runs — done");

    const leak = page.locator("[data-testid=metric-card][data-metric=leak_rate]");
    expect(await leak.locator(".box-a").count()).toBe(1);
    expect(await leak.locator(".box-b").count()).toBe(1);
    expect(await leak.locator(".box-a .run").count()).toBe(20);
    expect(await leak.textContent()).toMatch(/A: .*95%.*B: .*95%.*A − B:/s);
    expect(await page.locator("[data-testid=metric-card]").count()).toBeGreaterThan(6);
    expect(await page.getAttribute("[data-testid=download-csv]", "href")).toMatch(/result\.csv$/);
    jobHash = new URL(page.url()).hash;
    await page.locator("[data-testid=analysis-result]").scrollIntoViewIfNeeded();
    await screenshot(page, "what-if-desktop");
    expect(browser.errors).toEqual([]);
  });

  it("creates a match with a variant toggled in the lobby, shown to everyone in it", async () => {
    const browser = await openPage({ width: 1280, height: 720 }, false);
    pages.push(browser);
    const { page } = browser;
    await page.goto(`${url}/#/`);
    await page.fill("[data-testid=name]", "Instructor Vega");
    await page.check("[data-testid=scenario-training-range]");
    const toggle = page.locator("[data-testid=variant-trigger-happy-sam]");
    await toggle.check();
    expect(await page.textContent("[data-testid=create-variants]")).toContain("medium SAM");
    await screenshot(page, "what-if-lobby-variant");
    await page.click("[data-testid=create-match]");
    const code = ((await page.textContent("[data-testid=created-code]", { timeout: 20_000 })) ?? "").trim();
    await page.click("[data-testid=created-close]");
    await page.waitForSelector("[data-testid=instructor-console]");
    expect(await page.textContent("[data-testid=scenario-name]")).toMatch(/Training range \+ .+/);
    const lookup = (await (await fetch(`${url}/api/matches/${code}`)).json()) as { variants: string[] };
    expect(lookup.variants).toEqual(["trigger-happy-sam"]);
    expect(browser.errors).toEqual([]);
  });

  it("reopens the finished analysis from its link on a phone", async () => {
    const browser = await openPage({ width: 390, height: 844 }, true);
    pages.push(browser);
    const { page } = browser;
    await page.goto(`${url}/${jobHash}`);
    await page.locator("[data-testid=analysis-result]").waitFor({ timeout: 30_000 });
    expect(await page.locator("[data-testid=metric-card]").first().locator(".box-b").count()).toBe(1);
    await screenshot(page, "what-if-phone");
    expect(browser.errors).toEqual([]);
  });
});
