#!/usr/bin/env node
/** `npm run dev`: the server restarting on change (tsx watch) and Vite with hot reload, side by side. */
import { spawn } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const children = [
  spawn(process.execPath, ["--import", "tsx", "--watch", "server/main.ts"], { cwd: root, stdio: "inherit" }),
  spawn("npx", ["vite"], { cwd: root, stdio: "inherit" }),
];
const stopAll = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);
for (const child of children)
  child.on("exit", (code) => {
    stopAll();
    process.exitCode = code ?? 0;
  });
