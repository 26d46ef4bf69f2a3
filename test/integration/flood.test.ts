import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * Flood control with the default limits (about 20 messages a second, bursts of 40): beyond them a
 * client hears `rate_limited` once a second, not once per message; a burst far beyond the limit is
 * disconnected at once, and so is a client that keeps flooding for 3 s. The match runs on.
 */
let server: TestServer;
let watcher: TestClient;

beforeAll(async () => {
  server = await startServer();
  watcher = await TestClient.create(server.client(), {
    scenario: "training-range",
    autostart: true,
    planningSec: 120,
    seats: { attacker: "plan" },
    seat: "instructor",
    name: "Watcher",
  });
  await watcher.waitFor(() => watcher.state.phase === "planning", "planning");
});
afterAll(async () => {
  await server.close();
});

const defenderSeat = () => watcher.state.seats.get("defender-1");

async function newFlooder(name: string): Promise<TestClient> {
  await watcher.waitFor(() => defenderSeat()?.filledBy === "", "the defender seat to be open");
  const flooder = await TestClient.join(server.client(), watcher.room.roomId, { seat: "defender", name });
  await flooder.waitFor(() => flooder.welcome !== undefined, "the welcome");
  return flooder;
}

describe("flood control", () => {
  it("answers messages beyond the burst with one rate_limited reply a second, and handles the rest", async () => {
    const flooder = await newFlooder("Eager");
    for (let i = 0; i < 100; i++) flooder.send("ready", { ready: false, rid: `burst-${i}` });
    flooder.send("ready", { ready: "no", rid: "probe" }); // refused as well: beyond the limit, silently
    await sleep(1100); // the next window: this one is handled again and answered
    flooder.send("ready", { ready: "no", rid: "after" });
    await flooder.waitFor(() => flooder.errors.some((e) => e.rid === "after"), "the reply after the burst");
    const limited = flooder.errors.filter((e) => e.code === "rate_limited");
    expect(limited).toHaveLength(1);
    // 40 pass as the burst (plus the few tokens refilled while they arrive); the 41st or so hears it.
    expect(Number(limited[0].rid?.slice("burst-".length))).toBeGreaterThanOrEqual(40);
    expect(Number(limited[0].rid?.slice("burst-".length))).toBeLessThanOrEqual(50);
    expect(flooder.errors.map((e) => e.rid)).toEqual([limited[0].rid, "after"]);
    expect(flooder.leftWith).toBeUndefined();
    await flooder.leave();
  });

  it("disconnects a burst of 5,000 messages at once, with one reply, and the match runs on", async () => {
    const flooder = await newFlooder("Burst");
    const secondsLeft = watcher.state.phaseSecondsLeft;
    const startedAt = Date.now();
    for (let i = 0; i < 5000 && flooder.leftWith === undefined; i++) {
      flooder.send("ready", { ready: false, rid: `b-${i}` });
      if (i % 500 === 499) await sleep(95); // about 5,000 in a second
    }
    await flooder.waitFor(() => flooder.leftWith !== undefined, "the disconnect", 5000);
    expect(flooder.leftWith).toBe(4029);
    expect(Date.now() - startedAt).toBeLessThan(2500);
    // One reply for the window, one with the disconnect.
    expect(flooder.errors.length).toBeLessThanOrEqual(2);
    expect(flooder.errors.every((e) => e.code === "rate_limited")).toBe(true);

    await watcher.waitFor(() => defenderSeat()?.filledBy === "", "the flooder's seat to open");
    await sleep(1500);
    expect(watcher.leftWith).toBeUndefined();
    expect(watcher.state.phaseSecondsLeft).toBeLessThan(secondsLeft);
  });

  it("disconnects a client that keeps flooding for three seconds", async () => {
    const flooder = await newFlooder("Steady");
    const startedAt = Date.now();
    let sent = 0;
    while (flooder.leftWith === undefined && Date.now() - startedAt < 9000) {
      flooder.send("ready", { ready: false, rid: `flood-${sent++}` });
      await sleep(20); // about 50 messages a second: 30 refused each second, too few for the burst rule
    }
    const floodedMs = Date.now() - startedAt;
    expect(flooder.leftWith).toBe(4029);
    // About 1.3 s until the burst is spent, then 3 s of refusals.
    expect(floodedMs).toBeGreaterThan(3500);
    expect(floodedMs).toBeLessThan(7000);
    // One reply a second while it lasted (and the disconnect's), not one per refused message.
    const limited = flooder.errors.filter((e) => e.code === "rate_limited");
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(limited.length).toBeLessThanOrEqual(6);
    const health = await (await fetch(`${server.httpUrl}/health`)).json();
    expect(health.rooms).toBe(1);
  });
});
