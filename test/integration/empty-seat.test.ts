import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * A seat meant for a person holds the night: with the defender left to people, neither the planning
 * timer (autostart) nor a ready attacker starts the night until someone takes the defender seat and is
 * ready; the late defender gets the whole planning time; the instructor may start the night regardless.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const PLANNING_SEC = 5;

async function match(seats: Record<string, string>): Promise<TestClient> {
  const instructor = await TestClient.create(server.client(), {
    scenario: "training-range",
    autostart: true,
    planningSec: PLANNING_SEC,
    seats,
    seat: "instructor",
    name: "White cell",
  });
  await instructor.waitFor(() => instructor.state.phase === "planning", "planning");
  return instructor;
}

describe("a seat meant for a person", () => {
  it("keeps the match in planning past its timer and past a ready attacker until the defender is taken and ready", async () => {
    const instructor = await match({});
    const attacker = await TestClient.join(server.client(), instructor.room.roomId, {
      seat: "attacker",
      name: "Red",
    });
    attacker.send("ready", { ready: true });
    await attacker.waitFor(() => instructor.state.seats.get("attacker-1")?.ready === true, "ready");
    await sleep((PLANNING_SEC + 1.5) * 1000);
    expect(instructor.state.phase).toBe("planning");
    // The timer has run out and waits: no countdown while the seat is empty.
    expect(instructor.state.phaseSecondsLeft).toBe(-1);

    const defender = await TestClient.join(server.client(), instructor.room.roomId, {
      seat: "defender",
      name: "Blue",
    });
    // The late defender plans on a fresh timer: a deployment during planning is accepted.
    await defender.waitFor(() => defender.state.phaseSecondsLeft > 0, "a fresh planning timer");
    expect(defender.state.phase).toBe("planning");
    const units = () => defender.state.units.size;
    const before = units();
    defender.send("deploy", { unitType: "gun", at: { x: -40, y: 10 } });
    await defender.waitFor(() => units() === before + 1, "the defender's gun");
    expect(defender.errors).toEqual([]);
    defender.send("ready", { ready: true });
    await instructor.waitFor(() => instructor.state.phase === "live", "the night");
    await Promise.all([instructor.leave(), attacker.leave(), defender.leave()]);
  });

  it("lets the instructor start the night with the seat still empty", async () => {
    const instructor = await match({ attacker: "plan" });
    expect(instructor.state.seats.get("defender-1")?.filledBy).toBe("");
    instructor.send("advance-phase", {});
    await instructor.waitFor(() => instructor.state.phase === "live", "the night");
    expect(instructor.errors).toEqual([]);
    await instructor.leave();
  });

  it("does not hold a match whose seats are all scripted", async () => {
    const instructor = await match({ attacker: "plan", defender: "plan" });
    await instructor.waitFor(() => instructor.state.phase === "live", "the night", 10_000);
    await instructor.leave();
  });
});
