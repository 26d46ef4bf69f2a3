import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * The white cell: the instructor seat needs the creator's key; the instructor pauses, resumes, changes
 * the time scale, moves phases, fires injects, looks through a side's eyes, kicks players and hands
 * seats to scripted players.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe("the instructor seat", () => {
  it("is open only with the key the instructor received", async () => {
    const creator = await TestClient.create(server.client(), {
      scenario: "training-range",
      seat: "instructor",
      name: "C",
    });
    await creator.waitFor(() => creator.welcome !== undefined, "welcome");
    const key = creator.welcome?.instructorKey;
    expect(key).toBeTypeOf("string");
    expect(creator.welcome?.spectatorKey).toBeTypeOf("string");
    const roomId = creator.room.roomId;
    const join = (options: Record<string, unknown>) => TestClient.join(server.client(), roomId, options);
    await expect(join({ seat: "instructor", name: "Eve" })).rejects.toThrow(/instructor key/);
    await expect(join({ seat: "instructor", name: "Eve", instructorKey: "guess" })).rejects.toThrow(
      /instructor key/,
    );
    const player = await join({ seat: "defender", name: "Pat" });
    await player.waitFor(() => player.welcome !== undefined, "welcome");
    expect(player.welcome?.instructorKey, "only the instructor gets the key").toBeUndefined();
    await creator.leave();
    const instructor = await join({ seat: "instructor", name: "Ivy", instructorKey: key });
    await instructor.waitFor(() => instructor.welcome !== undefined, "welcome");
    expect(instructor.welcome).toMatchObject({ role: "instructor", seatId: "instructor-1", view: "truth" });
    await Promise.all([player.leave(), instructor.leave()]);
  });
});

describe("instructor controls", () => {
  let white: TestClient;
  let defender: TestClient;

  beforeAll(async () => {
    white = await TestClient.create(server.client(), {
      scenario: "training-range",
      seats: { attacker: "plan" },
      pacing: { mode: "realtime", timeScale: 30 },
      seat: "instructor",
      name: "White",
    });
    defender = await TestClient.join(server.client(), white.room.roomId, { seat: "defender", name: "Blue" });
  });

  const advanceTo = async (phase: string) => {
    white.send("advance-phase", {});
    await white.waitFor(() => white.state.phase === phase, phase);
  };

  it("moves the match between phases", async () => {
    expect(white.state.phase).toBe("lobby");
    await advanceTo("planning");
    // The scripted attacker planned its salvos; the white cell sees them, the defender does not.
    await white.waitFor(() => white.state.salvos.size > 0, "the attacker's planned salvos");
    expect(defender.state.salvos.size).toBe(0);
    await advanceTo("live");
    await white.waitFor(() => white.state.clock > 0, "the clock to run");
  });

  it("pauses, resumes and changes the time scale", async () => {
    white.send("pause", {});
    await white.waitFor(() => white.state.paused, "paused");
    const stoppedAt = white.state.clock;
    await sleep(600);
    expect(white.state.clock).toBe(stoppedAt);
    white.send("time-scale", { timeScale: 300 });
    white.send("resume", {});
    await white.waitFor(() => !white.state.paused && white.state.timeScale === 300, "resumed at ×300");
    const resumedAt = white.state.clock;
    await sleep(1000);
    // 300 simulated seconds per real second, give or take a tick.
    expect(white.state.clock - resumedAt).toBeGreaterThan(200);
    white.send("time-scale", { timeScale: 30 });
    await white.waitFor(() => white.state.timeScale === 30, "back to ×30");
    expect(white.errors).toEqual([]);
  });

  it("fires ad-hoc and scheduled injects", async () => {
    white.send("inject", {
      inject: { type: "weather", sensorRangeFactor: 0.6, durationSec: 600 },
      title: "Fog bank",
    });
    await white.waitFor(
      () => white.feed.some((e) => e.kind === "inject" && e.text.includes("Fog bank")),
      "the inject",
    );
    white.send("fire-inject", { injectId: "radar-fails" });
    await white.waitFor(
      () => white.feed.filter((e) => e.kind === "inject").length === 2,
      "the scheduled inject",
    );
    expect(white.errors).toEqual([]);
  });

  it("looks through the defender's eyes and back", async () => {
    await white.waitFor(() => white.state.tracks.size > 0, "threats in the air");
    white.send("set-view", { view: "defender" });
    await white.waitFor(
      () =>
        white.keys("units").every((k) => k.startsWith("d:")) &&
        white.keys("tracks").every((k) => k.startsWith("d:")),
      "the defender's perspective only",
    );
    expect(white.state.units.size).toBeGreaterThan(0);
    expect(white.state.salvos.size).toBe(0);
    white.send("set-view", { view: "truth" });
    await white.waitFor(
      () => white.keys("units").every((k) => k.startsWith("t:")) && white.state.salvos.size > 0,
      "the truth again",
    );
    expect(white.errors).toEqual([]);
  });

  it("kicks a player and hands the seat to a scripted player", async () => {
    white.send("kick", { seatId: "defender-1" });
    await defender.waitFor(() => defender.leftWith !== undefined, "the kick");
    expect(defender.leftWith).toBe(4003);
    await white.waitFor(() => white.state.seats.get("defender-1")?.filledBy === "", "the seat to open");
    white.send("assign-seat", { seatId: "defender-1", to: "plan" });
    await white.waitFor(
      () => white.state.seats.get("defender-1")?.filledBy === "plan",
      "the scripted defender",
    );
    white.send("assign-seat", { seatId: "defender-1", to: "bot:hard", rid: "bot" });
    await white.waitFor(() => white.errors.some((e) => e.rid === "bot"), "the refusal");
    expect(white.errors.find((e) => e.rid === "bot")).toMatchObject({ code: "not_allowed" });
    expect(white.state.seats.get("defender-1")?.filledBy).toBe("plan");
  });

  it("ends the match through assessment to the debrief", async () => {
    await advanceTo("assessment");
    await advanceTo("debrief");
    await white.waitFor(() => white.summaries.some((s) => s.final), "the final summary");
    white.send("advance-phase", { rid: "past-the-end" });
    await white.waitFor(() => white.errors.some((e) => e.rid === "past-the-end"), "the refusal");
    expect(white.errors.at(-1)).toMatchObject({ code: "wrong_phase", type: "advance-phase" });
  });
});
