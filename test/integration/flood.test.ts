import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * Flood control with the default limits (about 20 messages a second, bursts of 40): beyond them a
 * client gets `rate_limited` replies; if it keeps flooding for 3 s it is disconnected; the match runs on.
 */
let server: TestServer;
let watcher: TestClient;
let flooder: TestClient;

beforeAll(async () => {
  server = await startServer();
  watcher = await TestClient.create(server.client(), {
    scenario: "training-range",
    autostart: true,
    planningSec: 60,
    seats: { attacker: "plan" },
    seat: "spectator",
    name: "Watcher",
  });
  flooder = await TestClient.join(server.client(), watcher.room.roomId, { seat: "defender", name: "Flood" });
  await watcher.waitFor(() => watcher.state.phase === "planning", "planning");
});
afterAll(async () => {
  await server.close();
});

describe("flood control", () => {
  it("answers messages beyond the burst with rate_limited and handles the rest", async () => {
    for (let i = 0; i < 100; i++) flooder.send("ready", { ready: false, rid: `burst-${i}` });
    await flooder.waitFor(() => flooder.errors.some((e) => e.rid === "burst-99"), "the last reply");
    await sleep(300);
    const limited = flooder.errors.filter((e) => e.code === "rate_limited");
    expect(flooder.errors.length).toBe(limited.length);
    // 40 pass as the burst (plus the few tokens refilled while they arrive); the rest are refused.
    expect(limited.length).toBeGreaterThanOrEqual(50);
    expect(limited.length).toBeLessThanOrEqual(60);
    expect(limited.every((e) => e.type === "ready" && e.rid?.startsWith("burst-"))).toBe(true);
    expect(flooder.leftWith).toBeUndefined();
  });

  it("disconnects a client that keeps flooding, and the match runs on", async () => {
    await sleep(2500); // the bucket refills and the earlier streak is forgotten
    const startedAt = Date.now();
    let sent = 0;
    while (flooder.leftWith === undefined && Date.now() - startedAt < 8000) {
      flooder.send("ready", { ready: false, rid: `flood-${sent++}` });
      await sleep(20); // about 50 messages a second
    }
    const floodedMs = Date.now() - startedAt;
    expect(flooder.leftWith).toBe(4029);
    // About 1.3 s until the burst is spent, then 3 s of refusals.
    expect(floodedMs).toBeGreaterThan(3500);
    expect(floodedMs).toBeLessThan(6500);

    await watcher.waitFor(
      () => watcher.state.seats.get("defender-1")?.filledBy === "",
      "the flooder's seat to open",
    );
    const secondsLeft = watcher.state.phaseSecondsLeft;
    await sleep(1500);
    expect(watcher.leftWith).toBeUndefined();
    expect(watcher.state.phaseSecondsLeft).toBeLessThan(secondsLeft);
    const health = await (await fetch(`${server.httpUrl}/health`)).json();
    expect(health.rooms).toBe(1);
  });
});
