import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * Wego pacing (tabletop style): the clock stops every `intervalMin` simulated minutes until every human
 * seat confirms; the instructor may overrule the wait. Phases also advance when every human seat is ready.
 */
let server: TestServer;
let white: TestClient;
let defender: TestClient;

beforeAll(async () => {
  server = await startServer();
  white = await TestClient.create(server.client(), {
    scenario: "training-range",
    seats: { attacker: "plan" },
    pacing: { mode: "wego", intervalMin: 1 },
    seat: "instructor",
    name: "White",
  });
  defender = await TestClient.join(server.client(), white.room.roomId, { seat: "defender", name: "Blue" });
});
afterAll(async () => {
  await server.close();
});

const ready = async (phase: string) => {
  defender.send("ready", { ready: true });
  await white.waitFor(() => white.state.phase === phase, phase);
};

describe("wego pacing", () => {
  it("advances phases once every human seat is ready", async () => {
    expect(white.state.pacing).toBe("wego");
    await ready("planning");
    expect(white.state.seats.get("defender-1")?.ready).toBe(false); // ready resets with each phase
    await ready("live");
  });

  it("stops the clock every interval until the humans confirm", async () => {
    await white.waitFor(() => white.state.waitingForConfirm, "the first stop");
    expect(white.state.clock).toBe(60);
    await sleep(700);
    expect(white.state.clock).toBe(60);
    expect(white.state.waitingForConfirm).toBe(true);

    defender.send("confirm", {});
    await white.waitFor(() => white.state.clock > 60, "the clock to run again");
    await white.waitFor(() => white.state.waitingForConfirm, "the second stop");
    expect(white.state.clock).toBe(120);
    expect(defender.errors).toEqual([]);
  });

  it("lets the instructor overrule the wait", async () => {
    white.send("resume", {});
    await white.waitFor(() => white.state.clock > 120, "the clock to run again");
    await white.waitFor(() => white.state.waitingForConfirm, "the third stop");
    expect(white.state.clock).toBe(180);
    // Confirming outside a stop is refused.
    defender.send("confirm", {});
    await white.waitFor(() => !white.state.waitingForConfirm, "running");
    defender.send("confirm", { rid: "late" });
    await defender.waitFor(() => defender.errors.some((e) => e.rid === "late"), "the refusal");
    expect(defender.errors.at(-1)).toMatchObject({ code: "wrong_phase", type: "confirm" });
  });
});
