import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botFactory } from "../../server/match/scripted.js";
import { screenshot } from "./support/artifacts.js";
import {
  type BrowserPage,
  chromiumAvailable,
  launchBrowser,
  newTab,
  SCREENS,
  type ScreenName,
} from "./support/browser.js";
import { ensureClientBuilt } from "./support/build.js";
import { requireBrowser } from "./support/prerequisites.js";
import { type RunningServer, startServer } from "./support/server.js";

/**
 * Crews in the browser (docs/classroom.md, "Crews"), Debian's chromium against the real server: a
 * compact-shield match with an instructor, a defender commander on a laptop, a sector officer and a
 * strike planner on phones, each joining by code with a role. The sector officer places a unit with
 * taps in their sector and sets its doctrine, and is told the server's reason next to a tap outside
 * it; the planner plans a salvo; side chat and a marker reach the commander and not the attacker; the
 * instructor moves people between roles. Screenshots of every role screen at both sizes in
 * test-artifacts/crews-*.png. No console errors.
 */
requireBrowser("crews e2e (test/e2e/crews.test.ts)");

/** Places of compact-shield (km): inside sector North, and in sector South. */
const IN_NORTH = { x: -540, y: 105 };
const IN_SOUTH = { x: -585, y: -135 };
const SIZE: Record<ScreenName, string> = { desktop: "1280", phone: "390" };

async function pagePoint(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  await page.waitForFunction(() => window.__skyshieldMap !== undefined);
  return page.evaluate(([px, py]) => window.__skyshieldMap!.toPage(px, py), [p.x, p.y] as const);
}

/** Show the whole theatre again after a resize, as a person would with the map's Fit button. */
async function fitMap(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  await page.click(".maptools button:has-text('Fit')");
  await page.waitForTimeout(300);
}

const markersOn = (page: Page) => page.evaluate(() => [...(window.__skyshieldMap?.markers ?? [])]);

describe.runIf(chromiumAvailable)("crews on laptops and phones", () => {
  let server: RunningServer;
  let browser: Browser;
  const tabs: BrowserPage[] = [];
  let code = "";
  let white: Page;
  let commander: Page;
  let officer: Page;
  let planner: Page;
  let attacker: Page;

  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startServer({ bots: botFactory });
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

  /** A screenshot at this page's own size, then at the other one (the same screen resized). */
  async function bothSizes(page: Page, own: ScreenName, name: string): Promise<void> {
    const other: ScreenName = own === "phone" ? "desktop" : "phone";
    await screenshot(page, `crews-${name}-${SIZE[own]}`);
    await page.setViewportSize(SCREENS[other].viewport);
    await fitMap(page);
    await screenshot(page, `crews-${name}-${SIZE[other]}`);
    await page.setViewportSize(SCREENS[own].viewport);
    await fitMap(page);
  }

  it("the instructor creates a compact-shield match for people on both sides", async () => {
    white = await open("desktop");
    await white.goto(`${server.url}/`);
    await white.waitForSelector("[data-testid=scenario-compact-shield]");
    await white.fill("[data-testid=name]", "Instructor Vega");
    await white.check("[data-testid=scenario-compact-shield]");
    await white.selectOption("[data-testid=fill-attacker]", "human");
    await white.selectOption("[data-testid=fill-defender]", "human");
    await white.fill("[data-testid=planning-sec]", "900");
    await white.click("[data-testid=create-match]");
    code = ((await white.textContent("[data-testid=created-code]", { timeout: 20_000 })) ?? "").trim();
    await white.click("[data-testid=created-close]");
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
  });

  it("a commander joins by code on the home page, picking a role; the match list counts open roles", async () => {
    commander = await open("desktop");
    await commander.goto(`${server.url}/`);
    const listed = commander.locator(
      `[data-testid=public-match][data-code="${code}"] [data-testid=open-roles]`,
    );
    await listed.waitFor({ timeout: 15_000 });
    expect(await listed.textContent()).toBe("defender 7 roles open · attacker 5 roles open");
    await commander.fill("[data-testid=name]", "Cdr. Novak");
    await commander.fill("[data-testid=join-code]", code);
    await commander.selectOption("[data-testid=join-seat]", "defender");
    await commander.waitForSelector("[data-testid=join-role] option[value=commander]", { state: "attached" });
    expect(await commander.textContent("[data-testid=join-role-note]")).toBe("7 of 7 roles open");
    await screenshot(commander, "crews-home-role-1280");
    await commander.selectOption("[data-testid=join-role]", "commander");
    await commander.click("[data-testid=join-submit]");
    await commander.waitForSelector("[data-testid=seat-badge]:has-text('defender · Commander')");
  });

  it("a sector officer and a strike planner join on phones from role links", async () => {
    officer = await open("phone");
    await officer.goto(`${server.url}/#/match/${code}?seat=defender&role=sector-north`);
    await officer.waitForSelector("[data-testid=join-role] option[value=sector-north]", {
      state: "attached",
    });
    expect(await officer.inputValue("[data-testid=join-role]")).toBe("sector-north");
    // The commander's role is taken: it is offered, but full.
    expect(await officer.isDisabled("[data-testid=join-role] option[value=commander]")).toBe(true);
    await screenshot(officer, "crews-join-390");
    await officer.fill("[data-testid=prompt-name]", "Lt. Amir");
    await officer.tap("[data-testid=prompt-join]");
    await officer.waitForSelector("[data-testid=seat-badge]:has-text('Sector North')");

    planner = await open("phone");
    await planner.goto(`${server.url}/#/match/${code}?seat=attacker&role=planner-north`);
    await planner.waitForSelector("[data-testid=join-role] option[value=planner-north]", {
      state: "attached",
    });
    await planner.fill("[data-testid=prompt-name]", "Maj. Red");
    await planner.tap("[data-testid=prompt-join]");
    await planner.waitForSelector("[data-testid=seat-badge]:has-text('Strike planner')");
  });

  it("shows the instructor the crew roster: who holds which role and the open ones", async () => {
    await white.waitForSelector("[data-testid=roster-role-defender-sector-north]:has-text('Lt. Amir')");
    await white.waitForSelector("[data-testid=roster-role-attacker-planner-north]:has-text('Maj. Red')");
    expect(await white.textContent("[data-testid=roster-open-defender]")).toBe("5 of 7 open");
    expect(await white.textContent("[data-testid=roster-open-attacker]")).toBe("4 of 5 open");
    await white.click("[data-testid=advance-phase]");
    await white.waitForSelector("[data-testid=phase]:has-text('Planning')");
    await white.locator("[data-testid=roster]").scrollIntoViewIfNeeded();
    await bothSizes(white, "desktop", "instructor");
  });

  it("the sector officer places a unit with taps in the sector and sets its doctrine", async () => {
    await officer.waitForSelector("[data-testid=phase]:has-text('Planning')");
    await officer.tap("[data-testid=tab-left]");
    await officer.tap("[data-testid=place-point-defence]");
    await officer.waitForSelector("[data-testid=tool-hint]:has-text('Tap the map')");
    const at = await pagePoint(officer, IN_NORTH);
    await officer.touchscreen.tap(at.x, at.y);
    const card = officer.locator("[data-testid^=unit-]").filter({ hasText: /point/i }).first();
    await card.waitFor({ state: "attached", timeout: 10_000 });
    await officer.tap("[data-testid=tool-cancel]");
    await officer.tap("[data-testid=tab-left]");
    const unitId = await card.getAttribute("data-unit");
    await officer.tap(`[data-testid=weapons-${unitId}-hold]`);
    await officer.waitForSelector(`[data-testid=weapons-${unitId}-hold][aria-pressed=true]`);
    await screenshot(officer, "crews-officer-orders-390");
    await officer.tap("[data-testid=tab-map]");
  });

  it("offers the sector officer only what the role may order: no Ready, no resupply, other sectors' units read-only", async () => {
    await officer.tap("[data-testid=tab-left]");
    expect(await officer.textContent("[data-testid=sector-note]")).toContain("Your sector: North");
    expect(await officer.isHidden("[data-testid=ready]")).toBe(true);
    expect(await officer.textContent("[data-testid=phase-hint]")).toContain("Your commander says Ready");
    expect(await officer.locator("[data-testid^=buy-]").count()).toBe(0);
    // Sensors and weapons alike: every unit of the side is listed; only the sector's have controls.
    const others = officer.locator("[data-testid^=unit-].not-mine");
    expect(await others.count()).toBeGreaterThan(0);
    expect(await others.first().textContent()).toMatch(/sector (Centre|Jerusalem|South)'s/);
    expect(await others.first().locator("[data-testid^=move-]").isVisible()).toBe(false);
    await officer.tap("[data-testid=tab-map]");
    // The commander says Ready for the side and has the resupply panel.
    expect(await commander.isVisible("[data-testid=ready]")).toBe(true);
    expect(await commander.locator("[data-testid^=buy-]").count()).toBeGreaterThan(0);
  });

  it("shows the server's reason next to a tap outside the sector", async () => {
    await officer.tap("[data-testid=tab-left]");
    await officer.tap("[data-testid=place-point-defence]");
    const at = await pagePoint(officer, IN_SOUTH);
    await officer.touchscreen.tap(at.x, at.y);
    const note = officer.locator(".mapnote [data-testid=order-error]");
    await note.waitFor({ timeout: 10_000 });
    expect(await note.textContent()).toBe(
      "Not allowed: sector-north may only deploy units inside sector North",
    );
    const box = await note.boundingBox();
    expect(box).not.toBeNull();
    expect(Math.abs(box!.y - at.y)).toBeLessThan(80);
    expect(box!.x).toBeLessThanOrEqual(at.x + 20);
    expect(box!.x + box!.width).toBeGreaterThanOrEqual(at.x - 20);
    await screenshot(officer, "crews-officer-refused-390");
    await officer.tap("[data-testid=tool-cancel]");
  });

  it("the strike planner plans a salvo on a phone", async () => {
    await planner.tap("[data-testid=tab-left]");
    await planner.selectOption("[data-testid=salvo-zone]", "tabriz");
    await planner.fill("[data-testid=salvo-count]", "5");
    await planner.tap("[data-testid=salvo-submit]");
    await planner.waitForSelector("[data-testid=salvo]", { timeout: 10_000 });
    await bothSizes(planner, "phone", "planner");
  });

  it("the attacker commander shares out the spend; the planner plans from its own zones within it", async () => {
    attacker = await open("desktop");
    await attacker.goto(`${server.url}/#/match/${code}?seat=attacker&role=commander`);
    await attacker.waitForSelector("[data-testid=join-role] option[value=commander]", { state: "attached" });
    await attacker.fill("[data-testid=prompt-name]", "Gen. Black");
    await attacker.click("[data-testid=prompt-join]");
    await attacker.waitForSelector("[data-testid=seat-badge]:has-text('Commander')");
    await attacker.waitForSelector(
      "[data-testid=allocations] [data-role=planner-north]:has-text('Maj. Red')",
    );
    // The commander plans for the planners nobody holds: their zones, not planner north's.
    const zones = await attacker
      .locator("[data-testid=salvo-zone] option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(zones).toEqual(["khorramabad", "isfahan", "ahvaz"]);
    await attacker.fill("[data-testid=allocation-planner-north]", "40");
    await attacker.click("[data-testid=allocate-planner-north]");
    const share = planner.locator("[data-testid=allocation]");
    await share.filter({ hasText: "of $40M left" }).waitFor({ state: "attached", timeout: 10_000 });
    const plannerZones = await planner
      .locator("[data-testid=salvo-zone] option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(plannerZones).toEqual(["tabriz", "kermanshah"]);
    expect(await planner.isHidden("[data-testid=ready]")).toBe(true);
    await bothSizes(attacker, "desktop", "attacker-commander");
  });

  it("an intelligence officer sees what the defence revealed and what got through, and gives no orders", async () => {
    const intel = await open("phone");
    await intel.goto(`${server.url}/#/match/${code}?seat=attacker&role=intelligence`);
    await intel.waitForSelector("[data-testid=join-role] option[value=intelligence]", { state: "attached" });
    await intel.fill("[data-testid=prompt-name]", "Cpt. Grey");
    await intel.tap("[data-testid=prompt-join]");
    await intel.waitForSelector("[data-testid=seat-badge]:has-text('Intelligence')");
    await intel.tap("[data-testid=tab-left]");
    await intel.waitForSelector("[data-testid=intelligence]", { state: "visible" });
    expect(await intel.locator("[data-testid=salvo-submit]").count()).toBe(0);
    expect(await intel.textContent("[data-testid=intel-results]")).toContain("launched");
    await bothSizes(intel, "phone", "intelligence");
  });

  it("side chat from the sector officer reaches the commander and not the attacker", async () => {
    await officer.tap("[data-testid=tab-chat]");
    await officer.fill("[data-testid=chat-input]", "North is covered; watch the coast");
    await officer.tap("[data-testid=chat-send]");
    const line = "[data-testid=chat-line]:has-text('North is covered; watch the coast')";
    await commander.waitForSelector(line, { timeout: 10_000 });
    await white.waitForSelector(line, { timeout: 10_000 });
    await officer.waitForSelector(line);
    expect(await commander.textContent(`${line} .chat-head`)).toContain("Lt. Amir");
    expect(await commander.textContent(`${line} .chat-head`)).toContain("Sector North");
    await planner.waitForTimeout(1500);
    expect(await planner.locator("[data-testid=chat-line]").count()).toBe(0);
    await screenshot(officer, "crews-officer-chat-390");
    await officer.tap("[data-testid=tab-map]");
  });

  it("a spectator of the truth reads every side's chat, writes none, and the projector layout hides it", async () => {
    const shared = await white.getAttribute("[data-testid=link-spectator]", "href");
    const { pathname, hash } = new URL(shared ?? "");
    const assessor = await open("desktop");
    await assessor.goto(`${server.url}${pathname}${hash}`);
    await assessor.fill("[data-testid=prompt-name]", "Assessor");
    await assessor.click("[data-testid=prompt-join]");
    await assessor.waitForSelector("[data-testid=spectator-controls]");
    // Posts from now on reach it (a late joiner gets no backlog of the channel).
    await officer.tap("[data-testid=tab-chat]");
    await officer.fill("[data-testid=chat-input]", "Jammer up in the north");
    await officer.tap("[data-testid=chat-send]");
    const line = assessor.locator("[data-testid=chat-line]:has-text('Jammer up in the north')");
    await line.waitFor({ timeout: 10_000 });
    expect(await line.locator(".chat-head").textContent()).toContain("defender · Sector North");
    expect(await assessor.locator("[data-testid=chat-input]").count()).toBe(0);
    await screenshot(assessor, "crews-assessor-1280");
    await assessor.click("[data-testid=projector]");
    await assessor.waitForSelector("[data-testid=chat]", { state: "hidden", timeout: 5_000 });
    await officer.tap("[data-testid=tab-map]");
  });

  it("a marker the sector officer drops appears on the commander's map, not the attacker's", async () => {
    await officer.tap("[data-testid=tab-chat]");
    await officer.fill("[data-testid=marker-label]", "gap in radar cover");
    await officer.tap("[data-testid=marker-mode]");
    await officer.waitForSelector("[data-testid=tool-hint]:has-text('gap in radar cover')");
    const at = await pagePoint(officer, { x: IN_NORTH.x + 10, y: IN_NORTH.y - 30 });
    await officer.touchscreen.tap(at.x, at.y);
    await commander.waitForFunction(
      () => window.__skyshieldMap?.markers.includes("gap in radar cover"),
      undefined,
      { timeout: 10_000 },
    );
    await commander.waitForSelector("[data-testid=marker-line]:has-text('gap in radar cover')");
    expect(await markersOn(officer)).toEqual(["gap in radar cover"]);
    await planner.waitForTimeout(1000);
    expect(await markersOn(planner)).toEqual([]);
    await bothSizes(commander, "desktop", "commander");
    await bothSizes(officer, "phone", "officer");
  });

  it("the instructor moves a person to another role, and is told why a full role is refused", async () => {
    const officerSeat = await white
      .locator("[data-testid=roster-role-defender-sector-north] [data-testid^=holder-]")
      .getAttribute("data-testid");
    const seatId = officerSeat!.slice("holder-".length);
    await white.selectOption(`[data-testid=move-role-${seatId}]`, "commander");
    await white.click(`[data-testid=move-${seatId}]`);
    await white.waitForSelector(
      "[data-testid=roster] [data-testid=order-error]:has-text('role commander is full')",
    );
    await white.selectOption(`[data-testid=move-role-${seatId}]`, "sector-south");
    await white.click(`[data-testid=move-${seatId}]`);
    await white.waitForSelector("[data-testid=roster-role-defender-sector-south]:has-text('Lt. Amir')");
    await officer.waitForSelector("[data-testid=seat-badge]:has-text('Sector South')");
  });

  it("the instructor gives an open role to a bot from the roster, and takes it back", async () => {
    await white.selectOption("[data-testid=bot-level-sector-jerusalem]", "bot:easy");
    await white.click("[data-testid=bot-sector-jerusalem]");
    const row = white.locator("[data-testid=roster-role-defender-sector-jerusalem]");
    await row.filter({ hasText: "Bot (easy)" }).waitFor({ timeout: 10_000 });
    await white.locator("[data-testid=roster-role-defender-sector-jerusalem] [data-testid^=unbot-]").click();
    await white.waitForSelector("[data-testid=bot-sector-jerusalem]", { timeout: 10_000 });
  });

  it("shows the instructor's crew tab and chat on a phone", async () => {
    await white.setViewportSize(SCREENS.phone.viewport);
    await white.click("[data-testid=tab-crew]");
    await white.waitForSelector("[data-testid=roster]", { state: "visible" });
    await screenshot(white, "crews-instructor-crew-390");
    await white.click("[data-testid=tab-chat]");
    await white.waitForSelector("[data-testid=chat-input]", { state: "visible" });
    await screenshot(white, "crews-instructor-chat-390");
    await white.setViewportSize(SCREENS.desktop.viewport);
  });

  it("the sensor officer, logistics and an ally each get their role's screen", async () => {
    const join = async (seat: string, role: string, name: string) => {
      const page = await open("desktop");
      await page.goto(`${server.url}/#/match/${code}?seat=${seat}&role=${role}`);
      await page.waitForSelector(`[data-testid=join-role] option[value=${role}]`, { state: "attached" });
      await page.fill("[data-testid=prompt-name]", name);
      await page.click("[data-testid=prompt-join]");
      await page.waitForSelector("[data-testid=phase]:has-text('Planning')");
      return page;
    };
    const sensor = await join("defender", "sensor", "Sgt. Radar");
    await sensor.waitForSelector("[data-testid=catalogue]");
    const types = await sensor
      .locator("[data-testid=catalogue] [data-type]")
      .evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.type));
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((type) => /radar|aew/.test(type ?? ""))).toBe(true);
    // The sensors have Move (between nights), the weapons none.
    const radar = sensor.locator("[data-testid^=unit-]").filter({ hasText: /radar/i }).first();
    expect(await radar.locator("[data-testid^=move-]").isVisible()).toBe(true);
    await bothSizes(sensor, "desktop", "sensor");

    const logistics = await join("defender", "logistics", "Cpl. Depot");
    await logistics.waitForSelector("[data-testid^=buy-]");
    expect(await logistics.locator("[data-testid=catalogue]").count()).toBe(0);
    expect(await logistics.isHidden("[data-testid=ready]")).toBe(true);
    await bothSizes(logistics, "desktop", "logistics");

    // Each allied nation's officer commands that nation's units once the other nation is crewed too.
    const ally = await join("ally", "coalition-air", "Capt. Blue");
    await join("ally", "allied-navy", "Lt. Sea");
    await ally.waitForSelector("[data-testid^=unit-].not-mine");
    expect(await ally.locator("[data-testid^=unit-].not-mine").count()).toBeGreaterThan(0);
    expect(await ally.locator("[data-testid^=unit-]:not(.not-mine)").count()).toBeGreaterThan(0);
    expect(await ally.isVisible("[data-testid=ready]")).toBe(true);
    await bothSizes(ally, "desktop", "ally");
  });

  it("logged no console errors in any page", () => {
    expect(tabs.flatMap((t) => t.errors)).toEqual([]);
  });
});
