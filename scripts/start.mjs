#!/usr/bin/env node
/**
 * `npm start`: build the client when dist/ is missing or older than its sources, then run the server
 * as one child process (node --import tsx, not npx tsx: docs/toolchain.md, pitfall 7) that receives our signals.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const buildStamp = join(root, "dist", "index.html");
const clientSources = ["client", "shared", "sim", "bots", "vite.config.ts", "package-lock.json"].map((p) =>
  join(root, p),
);

function newestMtimeMs(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const sourcesMtimeMs = Math.max(...clientSources.map(newestMtimeMs));
if (!existsSync(buildStamp) || statSync(buildStamp).mtimeMs < sourcesMtimeMs) {
  console.log("skyshield: building the client (dist/ is missing or stale) ...");
  run("npx", ["vite", "build"]);
}
const server = spawn(process.execPath, ["--import", "tsx", join(root, "server", "main.ts")], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
