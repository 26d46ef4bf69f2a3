import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { BotFactory } from "../../server/match/scripted.js";
import { botFactory } from "../../server/match/scripted.js";
import type { Perspective, SideView } from "../../sim/api.js";
import { SimulationEngine } from "../../sim/simulation.js";
import { expectWholeMatch, FAST_MATCH, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * Bots in a real room: a real server (with the bots' seat factory) and real colyseus.js clients over
 * WebSocket. A bot-vs-bot match plays from the lobby to the debrief while spectators watch; the
 * instructor hands an open seat to a bot; and every view a bot decides from is one the engine built
 * for that bot's side.
 */

/** Every SideView the engine builds in this process, with the perspective it was built for. */
const built = new WeakMap<SideView, Perspective>();
/** Every view handed to a bot, with the bot's side. */
const handed: { side: string; view: SideView }[] = [];

const recordingBots: BotFactory = (level, ctx) => {
  const bot = botFactory(level, ctx);
  return {
    onPlanning: (round, view) => {
      handed.push({ side: ctx.side, view });
      return bot.onPlanning(round, view);
    },
    onTick: (view) => {
      handed.push({ side: ctx.side, view });
      return bot.onTick?.(view) ?? [];
    },
  };
};

let server: TestServer;

beforeAll(async () => {
  const view = SimulationEngine.prototype.view;
  vi.spyOn(SimulationEngine.prototype, "view").mockImplementation(function (
    this: SimulationEngine,
    perspective,
  ) {
    const v = view.call(this, perspective);
    built.set(v, perspective);
    return v;
  });
  server = await startServer({ bots: recordingBots });
});
afterAll(async () => {
  await server.close();
  vi.restoreAllMocks();
});
afterEach(() => {
  handed.length = 0;
});

describe("bots in a match room", () => {
  it("play a whole match against each other from lobby to debrief, with spectators watching", async () => {
    const truth = await TestClient.create(server.client(), {
      ...FAST_MATCH,
      seats: { attacker: "bot:hard", defender: "bot:easy" },
      seat: "spectator",
      name: "Projector",
    });
    const phases: string[] = [];
    truth.room.onStateChange((state) => {
      if (phases.at(-1) !== state.phase) phases.push(state.phase);
    });
    const defenderEye = await TestClient.join(server.client(), truth.room.roomId, {
      seat: "spectator",
      name: "Class",
      view: "defender",
    });
    expect(truth.state.seats.get("attacker-1")?.filledBy).toBe("bot:hard");
    expect(truth.state.seats.get("defender-1")?.filledBy).toBe("bot:easy");

    let maxTracks = 0;
    truth.room.onStateChange((state) => {
      maxTracks = Math.max(maxTracks, state.tracks.size);
    });
    await truth.waitFor(() => truth.state.phase === "debrief", "the debrief", 90_000);
    expectWholeMatch(phases);
    expect(maxTracks).toBeGreaterThan(10);
    // The defender bot bought units (the scenario alone has one radar), the spectators saw them.
    expect(truth.state.units.size).toBeGreaterThan(3);
    expect(defenderEye.state.units.size).toBe(truth.state.units.size);
    const final = truth.summaries.find((s) => s.final)?.summary;
    expect(final).toMatchObject({ scenario: "training-range", rounds: 1 });
    expect(final?.threats_launched).toBeGreaterThan(10);
    expect(final?.threats_intercepted).toBeGreaterThan(0);
    expect(defenderEye.errors).toEqual([]);

    // Fair play: every view a bot decided from is the one the engine built for the bot's own side.
    expect(new Set(handed.map((h) => h.side))).toEqual(new Set(["attacker", "defender"]));
    expect(handed.length).toBeGreaterThan(20);
    for (const { side, view } of handed) expect(built.get(view)).toBe(side);
    await Promise.all([truth.leave(), defenderEye.leave()]);
  });

  it("takes over a seat the instructor assigns to it during planning", async () => {
    const instructor = await TestClient.create(server.client(), {
      ...FAST_MATCH,
      autostart: false,
      seats: { attacker: "bot:normal" },
      seat: "instructor",
      name: "White cell",
    });
    await instructor.waitFor(() => instructor.welcome !== undefined, "welcome");
    instructor.send("advance-phase", {});
    await instructor.waitFor(() => instructor.state.phase === "planning", "planning");
    const before = instructor.state.units.size;
    instructor.send("assign-seat", { seatId: "defender-1", to: "bot:hard" });
    await instructor.waitFor(
      () => instructor.state.seats.get("defender-1")?.filledBy === "bot:hard",
      "the seat handed to the bot",
    );
    await instructor.waitFor(() => instructor.state.units.size > before, "the bot's deployments");
    instructor.send("assign-seat", { seatId: "defender-1", to: "bot:genius" });
    await instructor.waitFor(() => instructor.errors.length > 0, "the refusal of an unknown level");
    expect(instructor.errors.map((e) => e.code)).toEqual(["invalid"]);
    expect(handed.some((h) => h.side === "defender")).toBe(true);
    await instructor.leave();
  });
});
