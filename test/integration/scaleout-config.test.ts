import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, ROOT, startServerProcess } from "../../scripts/cluster.js";

/**
 * The server process's scale-out configuration: without REDIS_URL it runs alone as before; a REDIS_URL
 * needs a PUBLIC_ADDRESS and a Redis that answers, or the process refuses to start with a clear reason.
 * (No redis-server needed: these are the cases without one.)
 */
const dir = mkdtempSync(join(tmpdir(), "skyshield-scaleout-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs server/main.ts with this environment until it exits on its own (it should, quickly). */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "server", "main.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        SKYSHIELD_DB: join(dir, "refused.db"),
        ...env,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server/main.ts did not exit by itself:\n${stderr}`));
    }, 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("server/main.ts scale-out settings", () => {
  it("runs alone without REDIS_URL: in-memory matchmaking, no public address announced", async () => {
    const server = await startServerProcess({ dbPath: join(dir, "alone.db") });
    try {
      const ops = (await (await fetch(`${server.url}/api/ops`)).json()) as {
        publicAddress: string | null;
        rooms: number;
      };
      expect(ops).toMatchObject({ publicAddress: null, rooms: 0 });
      expect((await fetch(`${server.url}/api/matches`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(await server.exited).toBe(0);
  });

  it("refuses REDIS_URL without PUBLIC_ADDRESS", async () => {
    const port = String(await freePort());
    const { code, stderr } = await runToExit({
      PORT: port,
      REDIS_URL: "redis://127.0.0.1:1",
      PUBLIC_ADDRESS: "",
    });
    expect(code).toBe(1);
    expect(stderr).toContain("PUBLIC_ADDRESS: required with REDIS_URL");
  });

  it("refuses malformed values, naming the variable", async () => {
    const port = String(await freePort());
    const { code, stderr } = await runToExit({
      PORT: port,
      REDIS_URL: "localhost:6379",
      PUBLIC_ADDRESS: "ws://x:1",
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/REDIS_URL: expected redis:\/\//);
    expect(stderr).toMatch(/PUBLIC_ADDRESS: expected host:port/);
  });

  it("stops with a clear reason when Redis does not answer", async () => {
    const [port, closed] = [String(await freePort()), await freePort()];
    const { code, stderr } = await runToExit({
      PORT: port,
      REDIS_URL: `redis://:secret@127.0.0.1:${closed}`,
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`no answer from Redis at redis://:***@127.0.0.1:${closed}`);
    expect(stderr).not.toContain("secret");
  });
});
