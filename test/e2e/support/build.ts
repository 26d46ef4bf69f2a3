import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Build the client with Vite once, unless dist/ is newer than every source the client bundles. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const DIST = join(ROOT, "dist");

function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtimeMs(join(path, name))),
    stat.mtimeMs,
  );
}

export function clientBuildIsFresh(): boolean {
  const built = join(DIST, "index.html");
  if (!existsSync(built)) return false;
  const sources = ["client", "shared", "sim", "bots", "test/support", "vite.config.ts", "package.json"].map(
    (p) => newestMtimeMs(join(ROOT, p)),
  );
  return statSync(built).mtimeMs >= Math.max(...sources);
}

/**
 * Other suites (and people running `npm start`) may read dist/ meanwhile, so the build goes to a private
 * folder first and replaces dist/ in two renames.
 */
export async function ensureClientBuilt(): Promise<void> {
  if (clientBuildIsFresh()) return;
  const cache = join(ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  // Test files run in parallel: one builds while the others wait for it (a directory is an atomic lock).
  const lock = join(cache, "skyshield-build.lock");
  while (!tryLock(lock)) {
    // A lock older than any build is left by a killed run.
    if (lockAgeMs(lock) > BUILD_WAIT_MS) rmSync(lock, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    if (clientBuildIsFresh()) return;
  }
  try {
    if (!clientBuildIsFresh()) await buildInto(cache);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const BUILD_WAIT_MS = 180_000;
const LOCK_POLL_MS = 250;

function lockAgeMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function tryLock(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch {
    return false;
  }
}

async function buildInto(cache: string): Promise<void> {
  const { build } = await import("vite");
  const staging = join(cache, `skyshield-dist-${process.pid}`);
  await build({
    root: join(ROOT, "client"),
    configFile: join(ROOT, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: staging, emptyOutDir: true },
  });
  const old = join(cache, `skyshield-dist-old-${process.pid}`);
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(staging, DIST);
  rmSync(old, { recursive: true, force: true });
}
