import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/**
 * Debian's chromium driven by playwright-core (never a downloaded browser). Without it the browser
 * suites skip loudly, or fail when SKYSHIELD_REQUIRE_ALL=1 (CI).
 */
export const CHROMIUM = process.env.SKYSHIELD_CHROMIUM ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM);
export const requireAll = process.env.SKYSHIELD_REQUIRE_ALL === "1";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface BrowserPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh browser profile and one page (a touch phone when `phone`), with its console errors collected. */
export async function openPage(viewport = { width: 1280, height: 720 }, phone = false): Promise<BrowserPage> {
  const profile = mkdtempSync(join(tmpdir(), "skyshield-e2e-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return {
    page,
    errors,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One browser for a whole suite (cheaper than a browser per page on a 2-core machine). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** The two screens every page is checked on: a 1280×720 laptop, and a 390×844 phone with touch. */
export const SCREENS = {
  desktop: { viewport: { width: 1280, height: 720 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;
export type ScreenName = keyof typeof SCREENS;

/** A fresh context (its own storage) and page on the shared browser, its console errors collected. */
export async function newTab(browser: Browser, screen: ScreenName): Promise<BrowserPage> {
  const context = await browser.newContext(SCREENS[screen]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return { page, errors, close: () => context.close().catch(() => undefined) };
}
