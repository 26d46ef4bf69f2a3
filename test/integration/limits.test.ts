import { connect } from "node:net";
import { join } from "node:path";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpsReport } from "../../server/http/ops.js";
import { tempDir } from "../unit/store/helpers.js";
import { sleep, TestClient } from "./helpers.js";
import { type ChildServer, startChild } from "./history-harness.js";

/**
 * Limits everywhere a stranger can reach, on a real server process configured with small limits
 * through its environment: matchmaking bodies, matches created per address and in total, rooms per
 * process, and connections that say nothing. The server runs in its own process so that its memory is
 * measured alone.
 */
const PER_ADDRESS = 3;
const IN_TOTAL = 5;
const MAX_ROOMS = 3;
const tmp = tempDir("skyshield-limits-");
let server: ChildServer;

beforeAll(async () => {
  server = await startChild(join(tmp.dir, "history.db"), 0, {
    MAX_ROOMS: String(MAX_ROOMS),
    MAX_CREATES_PER_ADDRESS: String(PER_ADDRESS),
    MAX_CREATES_PER_MINUTE: String(IN_TOTAL),
    IDLE_SOCKET_SEC: "1",
    // Clients are told apart by X-Forwarded-For, as behind a proxy.
    TRUST_PROXY: "1",
  });
});
afterAll(async () => {
  await server?.kill("SIGTERM");
  tmp.cleanup();
});

const OPTIONS = { scenario: "training-range", seats: { attacker: "plan", defender: "plan" } };

/** `POST /matchmake/create/match` as a browser behind a proxy at `address` would send it. */
async function create(address: string) {
  const res = await fetch(`${server.url}/matchmake/create/match`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ ...OPTIONS, seat: "spectator", name: "X" }),
  });
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

async function ops(): Promise<OpsReport> {
  return (await (await fetch(`${server.url}/api/ops`)).json()) as OpsReport;
}

/**
 * Send a body of `bytes` without declaring its length (chunked); resolves with what the server said and
 * whether it cut the connection while the body was still being sent (a reset can overtake the reply).
 */
function chunkedPost(bytes: number): Promise<{ reply: string; reset: boolean }> {
  return new Promise((resolve) => {
    let reply = "";
    let reset = false;
    const socket = connect(server.port, "127.0.0.1", () => {
      socket.write(
        "POST /matchmake/create/match HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
          "X-Forwarded-For: 10.9.9.9\r\nTransfer-Encoding: chunked\r\n\r\n",
      );
      const chunk = `8000\r\n${"y".repeat(0x8000)}\r\n`;
      for (let sent = 0; sent < bytes && !socket.destroyed; sent += 0x8000) socket.write(chunk);
    });
    socket.on("data", (data) => {
      reply += data.toString();
    });
    socket.on("error", () => {
      reset = true;
    });
    socket.on("close", () => resolve({ reply, reset }));
  });
}

describe("limits", () => {
  it("refuses 2 MB matchmaking bodies at once, before reading them, with the server's memory unchanged", async () => {
    const before = await ops();
    const body = JSON.stringify({ ...OPTIONS, seat: "spectator", name: "x".repeat(2 * 1024 * 1024) });
    // Several in a row: a server that read them would hold far more than the allowance below.
    const sent = 6;
    let slowestMs = 0;
    for (let i = 0; i < sent; i++) {
      const startedAt = Date.now();
      const declared = await fetch(`${server.url}/matchmake/create/match`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `10.9.9.${i}` },
        body,
      }).catch((error: unknown) => error as Error);
      slowestMs = Math.max(slowestMs, Date.now() - startedAt);
      // Either the 413 arrives, or the server closes the socket while the client is still sending.
      if (declared instanceof Response) {
        expect(declared.status).toBe(413);
        expect(await declared.json()).toMatchObject({ error: /larger than 16384 bytes/ });
      }
    }
    expect(slowestMs).toBeLessThan(3000); // generous: a loaded CI machine; the memory bound below is the real evidence
    // The same body without a declared length (chunked) is cut off after 16 KB: a 413, or a reset
    // while the client was still sending.
    const chunked = await chunkedPost(2 * 1024 * 1024);
    if (!chunked.reset) expect(chunked.reply).toMatch(/^HTTP\/1\.1 413/);
    else expect(chunked.reply === "" || chunked.reply.startsWith("HTTP/1.1 413")).toBe(true);
    const after = await ops();
    const grewBytes = after.memory.rssBytes - before.memory.rssBytes;
    console.info(
      `${sent + 1} bodies of 2 MB refused (slowest ${slowestMs} ms); server RSS grew ${grewBytes} bytes`,
    );
    expect(grewBytes).toBeLessThan(((sent + 1) * 2 * 1024 * 1024) / 2);
    expect(after.rooms).toBe(before.rooms);
  });

  it(`lets one address create ${PER_ADDRESS} matches a minute, everyone ${IN_TOTAL}, and this process run ${MAX_ROOMS}`, async () => {
    // The chunked request above counted as one creation from 10.9.9.9 (a request counts when it starts).
    const first = await Promise.all(Array.from({ length: PER_ADDRESS }, () => create("10.0.0.1")));
    expect(first.map((r) => r.status)).toEqual(Array(PER_ADDRESS).fill(200));
    const fourth = await create("10.0.0.1");
    expect(fourth).toMatchObject({ status: 429, body: { error: /too many new matches from your address/ } });
    // Another address may still create, until the process runs as many rooms as it may.
    const full = await create("10.0.0.2");
    expect(full.body.error).toMatch(/runs as many matches as it may \(3\)/);
    // Five creations were let through this minute: now nobody may create.
    const total = await create("10.0.0.3");
    expect(total).toMatchObject({ status: 429, body: { error: /too many matches right now/ } });
  });

  it("closes a connection that sends nothing, and keeps a quiet WebSocket open", async () => {
    const listed = (await (await fetch(`${server.url}/api/matches`)).json()) as { roomId: string }[];
    const spectator = await TestClient.join(new Client(`ws://127.0.0.1:${server.port}`), listed[0].roomId, {
      seat: "spectator",
      name: "Quiet",
    });
    const startedAt = Date.now();
    const closedAfterMs = await new Promise<number>((resolve) => {
      const socket = connect(server.port, "127.0.0.1");
      socket.on("close", () => resolve(Date.now() - startedAt));
    });
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(closedAfterMs).toBeLessThan(3000);
    await sleep(1500);
    expect(spectator.leftWith).toBeUndefined();
    await spectator.leave();
  });
});
