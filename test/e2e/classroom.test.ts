import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botFactory } from "../../server/match/scripted.js";
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
 * What a first class trips over (issue 17), in Debian's chromium against the real server: join links
 * and the QR code built on PUBLIC_URL; a night that waits for an empty human seat (the ready player is
 * told whom for, the instructor is asked before starting without them); a late defender who still
 * plans; placing by tapping on a phone and ending the mode with its button; a night ended only after
 * a confirmation. Screenshots in test-artifacts/classroom-*.png. No console errors.
 */
requireBrowser("classroom e2e (test/e2e/classroom.test.ts)");

const PUBLIC_URL = "http://skyshield.school.example:8080";
/** Planning time on autostart: long enough for a late defender to place a unit on a loaded machine. */
const PLANNING_SEC = 12;
const JSQR = readFileSync(createRequire(import.meta.url).resolve("jsqr/dist/jsQR.js"), "utf8");

/** Where a km point of the theatre is on the page. */
async function pagePoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  await page.waitForFunction(() => window.__skyshieldMap !== undefined);
  return page.evaluate(([px, py]) => window.__skyshieldMap!.toPage(px, py), [x, y] as const);
}

/** The text a QR code on the page encodes, decoded from its pixels (jsQR), not from any attribute. */
async function decodeQr(page: Page, selector: string): Promise<string | null> {
  await page.waitForSelector(`${selector} svg`);
  await page.addScriptTag({ content: JSQR });
  return page.evaluate(async (container) => {
    const svg = document.querySelector(`${container} svg`)!;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML)}`;
    await image.decode();
    const size = 400;
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(image, 20, 20, size - 40, size - 40);
    const pixels = ctx.getImageData(0, 0, size, size);
    const decode = (
      window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }
    ).jsQR;
    return decode(pixels.data, size, size)?.data ?? null;
  }, selector);
}

describe.runIf(chromiumAvailable)("classroom-ready screens on the training range", () => {
  let server: RunningServer;
  let browser: Browser;
  const tabs: BrowserPage[] = [];
  let code = "";

  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startServer({ publicUrl: PUBLIC_URL, bots: botFactory });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await browser?.close();
    await server?.stop();
  });

  const open = async (screen: ScreenName) => {
    const tab = await newTab(browser, screen);
    tabs.push(tab);
    return tab.page;
  };

  /** An instructor's new training-range match from the home page; the created dialog stays open. */
  async function createMatch(page: Page, seats: { attacker: string; defender: string }, autostart: boolean) {
    await page.goto(`${server.url}/`);
    await page.waitForSelector("[data-testid=scenario-training-range]");
    await page.fill("[data-testid=name]", "Instructor Vega");
    await page.check("[data-testid=scenario-training-range]");
    await page.selectOption("[data-testid=fill-attacker]", seats.attacker);
    await page.selectOption("[data-testid=fill-defender]", seats.defender);
    await page.fill("[data-testid=planning-sec]", String(PLANNING_SEC));
    await page.fill("[data-testid=time-scale]", "60");
    if (autostart) await page.check("[data-testid=autostart]");
    await page.click("[data-testid=create-match]");
    return ((await page.textContent("[data-testid=created-code]", { timeout: 20_000 })) ?? "").trim();
  }

  /** Join by a deep link as `seat`, through the join prompt. */
  async function join(page: Page, seat: string, name: string): Promise<void> {
    await page.goto(`${server.url}/#/match/${code}?seat=${seat}`);
    await page.fill("[data-testid=prompt-name]", name);
    await page.click("[data-testid=prompt-join]");
    await page.waitForSelector(`[data-testid=seat-badge]:has-text('${seat}')`);
  }

  it("builds the join link and QR code on PUBLIC_URL", async () => {
    const page = await open("desktop");
    code = await createMatch(page, { attacker: "human", defender: "human" }, true);
    const link = `${PUBLIC_URL}/#/match/${code}`;
    const dialog = page.locator("[data-testid=created]");
    await dialog.locator("[data-testid=join-link]").waitFor();
    expect(await dialog.locator("[data-testid=join-link]").textContent()).toBe(link);
    expect(await decodeQr(page, "[data-testid=created] [data-testid=join-qr]")).toBe(link);
    expect(await page.locator("[data-testid=loopback-warning]").count()).toBe(0);
    // The instructor's own rejoin link carries the key, for another device.
    await dialog.locator("[data-testid=rejoin] summary").click();
    expect(await dialog.locator("[data-testid=link-instructor]").textContent()).toMatch(
      new RegExp(`^${PUBLIC_URL}/#/match/${code}\\?seat=instructor&key=[\\w-]+$`),
    );
    await screenshot(page, "classroom-created-1280");
    await page.click("[data-testid=created-close]");
  });

  it("holds the night for an empty defender seat and tells the ready attacker on a phone", async () => {
    const page = await open("phone");
    await page.goto(`${server.url}/#/match/${code}?seat=attacker`);
    await page.waitForSelector("[data-testid=prompt-seat]");
    // Students are not offered the instructor seat.
    const seats = await page.$$eval("[data-testid=prompt-seat] option", (options) =>
      options.map((o) => (o as HTMLOptionElement).value),
    );
    expect(seats).not.toContain("instructor");
    await screenshot(page, "classroom-join-390");
    await page.fill("[data-testid=prompt-name]", "Cadet Red");
    await page.tap("[data-testid=prompt-join]");
    await page.waitForSelector("[data-testid=phase]:has-text('Planning')", { timeout: 20_000 });
    await page.tap("[data-testid=tab-left]");
    await page.tap("[data-testid=ready]");
    await page.waitForSelector("[data-testid=phase-hint]:has-text('Waiting for the defender to join')");
    // Past the planning timer, the night still waits for the defender.
    await page.waitForTimeout((PLANNING_SEC + 2) * 1000);
    expect(await page.textContent("[data-testid=phase]")).toBe("Planning");
    await screenshot(page, "classroom-waiting-390");
  });

  it("asks the instructor before starting the night without the defender, naming the seat", async () => {
    const page = tabs[0].page;
    await page.click("[data-testid=advance-phase]");
    const body = await page.textContent("[data-testid=confirm-body]");
    expect(body).toContain("Nobody holds the defender");
    await screenshot(page, "classroom-confirm-start-1280");
    await page.click("[data-testid=confirm-cancel]");
    await page.waitForSelector("[data-testid=confirm]", { state: "detached" });
    await page.waitForTimeout(1000);
    expect(await page.textContent("[data-testid=phase]")).toBe("Planning");
  });

  it("gives a late defender the planning tools: the catalogue, placing, Ready", async () => {
    const page = await open("desktop");
    await join(page, "defender", "Cadet Blue");
    await page.waitForSelector("[data-testid=catalogue]");
    await page.click("[data-testid=place-gun]");
    const at = await pagePoint(page, 10, 18);
    await page.mouse.click(at.x, at.y);
    await page
      .locator("[data-testid^=unit-]")
      .filter({ hasText: "gun" })
      .first()
      .waitFor({ timeout: 10_000 });
    await screenshot(page, "classroom-late-defender-1280");
    // Ready, unless the planning time the late defender was given has run out meanwhile.
    if (await page.isVisible("[data-testid=ready]")) await page.click("[data-testid=ready]");
    await page.waitForSelector("[data-testid=phase]:has-text('Live')", { timeout: 20_000 });
  });

  it("ends a night only after the instructor confirms it", async () => {
    const page = tabs[0].page;
    await page.waitForSelector("[data-testid=phase]:has-text('Live')");
    await page.click("[data-testid=advance-phase]");
    expect(await page.textContent("[data-testid=confirm-body]")).toMatch(/^The night is at \d\d:\d\d\./);
    await screenshot(page, "classroom-confirm-end-1280");
    await page.keyboard.press("Escape");
    await page.waitForSelector("[data-testid=confirm]", { state: "detached" });
    expect(await page.textContent("[data-testid=phase]")).toBe("Live");
    await page.click("[data-testid=advance-phase]");
    await page.click("[data-testid=confirm-ok]");
    await page.waitForSelector("[data-testid=phase]:has-text('Assessment')", { timeout: 20_000 });
  });

  it("places a unit by tapping on a phone, and ends the mode with its button", async () => {
    const instructor = await open("desktop");
    code = await createMatch(instructor, { attacker: "plan", defender: "human" }, false);
    await instructor.click("[data-testid=created-close]");
    const page = await open("phone");
    await join(page, "defender", "Cadet Tap");
    await instructor.click("[data-testid=advance-phase]");
    await page.waitForSelector("[data-testid=phase]:has-text('Planning')");
    await page.tap("[data-testid=tab-left]");
    await page.tap("[data-testid=place-gun]");
    // Placing needs the map: the sheet folds away and the mode says how it ends.
    await page.waitForSelector("[data-testid=tab-left][aria-pressed=false]");
    await page.waitForSelector("[data-testid=tool-hint]:has-text('Tap the map')");
    expect(await page.textContent("[data-testid=tool-hint]")).not.toContain("Esc");
    const units = () => page.evaluate(() => document.querySelectorAll("[data-testid^=unit-]").length);
    const before = await units();
    const at = await pagePoint(page, 10, 18);
    await page.touchscreen.tap(at.x, at.y);
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid^=unit-]").length > n, before);
    await screenshot(page, "classroom-placing-390");
    await page.tap("[data-testid=tool-cancel]");
    await page.waitForSelector("[data-testid=tool-hint]", { state: "hidden" });
    // With the mode ended, a tap on the map places nothing more.
    const placed = await units();
    const elsewhere = await pagePoint(page, -20, 10);
    await page.touchscreen.tap(elsewhere.x, elsewhere.y);
    await page.waitForTimeout(1500);
    expect(await units()).toBe(placed);
  });

  it("logged no console errors in any page", () => {
    expect(tabs.flatMap((t) => t.errors)).toEqual([]);
  });
});
