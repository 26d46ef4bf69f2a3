import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Build the client with Vite once, unless dist/ is newer than every client and shared source. */
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
  const sources = ["client", "shared", "vite.config.ts", "package.json"].map((p) =>
    newestMtimeMs(join(ROOT, p)),
  );
  return statSync(built).mtimeMs >= Math.max(...sources);
}

/**
 * Other suites (and people running `npm start`) may read dist/ meanwhile, so the build goes to a private
 * folder first and replaces dist/ in two renames.
 */
export async function ensureClientBuilt(): Promise<void> {
  if (clientBuildIsFresh()) return;
  const { build } = await import("vite");
  const cache = join(ROOT, "node_modules", ".cache");
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
