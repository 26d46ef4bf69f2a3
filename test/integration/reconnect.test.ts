import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * Reconnection: a dropped player's seat is held (120 s in production; 3 s here so the test can also
 * watch it run out), the player reconnects with its token, gets its full view back, and its earlier
 * orders stand.
 */
const HOLD_SEC = 3;
let server: TestServer;
let instructor: TestClient;
let defender: TestClient;

beforeAll(async () => {
  server = await startServer({ reconnectHoldSec: HOLD_SEC });
  instructor = await TestClient.create(server.client(), {
    scenario: "training-range",
    seats: { attacker: "plan" },
    seat: "instructor",
    name: "White",
  });
  defender = await TestClient.join(server.client(), instructor.room.roomId, {
    seat: "defender",
    name: "Blue",
  });
  instructor.send("advance-phase", {});
  await defender.waitFor(() => defender.state.phase === "planning", "planning");
});
afterAll(async () => {
  await server.close();
});

const seat = () => instructor.state.seats.get("defender-1");

describe("reconnection", () => {
  it("holds a dropped player's seat and gives the full view back", async () => {
    await defender.waitFor(() => defender.state.units.size > 0, "the scenario's units");
    const before = defender.state.units.size;
    defender.send("deploy", { unitType: "gun", at: { x: 17, y: 22 } });
    await defender.waitFor(() => defender.state.units.size === before + 1, "the gun");
    const unitKeys = defender.keys("units").sort();
    const token = defender.room.reconnectionToken;

    defender.room.connection.close(); // the network drops: no goodbye
    await instructor.waitFor(() => seat()?.connected === false, "the seat to show disconnected");
    expect(seat()?.filledBy).toBe("human");
    expect(seat()?.name).toBe("Blue");
    await expect(
      TestClient.join(server.client(), instructor.room.roomId, { seat: "defender", name: "Usurper" }),
    ).rejects.toThrow(/no open defender seat/);

    await sleep(1000);
    const back = await TestClient.reconnect(server.client(), token);
    await back.waitFor(() => back.state.units.size === unitKeys.length, "the units");
    expect(back.keys("units").sort()).toEqual(unitKeys);
    expect(back.keys("units").every((key) => key.startsWith("d:"))).toBe(true);
    expect(back.state.economy.get("d:defender")?.side).toBe("defender");
    await back.waitFor(() => back.feed.some((entry) => entry.kind === "unit-deployed"), "the feed backlog");
    await instructor.waitFor(() => seat()?.connected === true, "the seat to show connected again");

    // Still the defender: its orders are accepted.
    back.send("set-doctrine", { unitId: "all", doctrine: { weapons: "free" }, rid: "after" });
    await sleep(300);
    expect(back.errors).toEqual([]);
    defender = back;
  });

  it("opens the seat when the hold runs out", async () => {
    defender.room.connection.close();
    await instructor.waitFor(() => seat()?.connected === false, "the seat to show disconnected");
    await instructor.waitFor(() => seat()?.filledBy === "", "the seat to open", (HOLD_SEC + 2) * 1000);
    const newcomer = await TestClient.join(server.client(), instructor.room.roomId, {
      seat: "defender",
      name: "Next",
    });
    await newcomer.waitFor(() => newcomer.welcome !== undefined, "welcome");
    expect(newcomer.welcome).toMatchObject({ seatId: "defender-1", role: "defender", view: "defender" });
    // Orders given before the drop stand: the gun is still deployed.
    await newcomer.waitFor(() => newcomer.state.units.size === instructor.state.units.size, "the units");
    expect(newcomer.state.units.size).toBeGreaterThan(1);
  });
});
