import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MatchInfo } from "../../../server/match/recorder.js";
import { History } from "../../../server/store/history.js";
import { loadRecord } from "../../../server/store/records.js";
import { RestoreError, restoreMatch } from "../../../server/store/recovery.js";
import type { Position } from "../../../shared/history.js";
import type { Simulation } from "../../../sim/api.js";
import { comparePositions } from "../../../sim/review/replay.js";
import { ToyRoom, tempDir } from "./helpers.js";
import { toyEngine, toyScenario } from "./toy-sim.js";

const SEED = 21;
const reached = (target: Position) => (sim: Simulation) =>
  comparePositions({ round: sim.round, phase: sim.phase, t: sim.clock }, target) >= 0;

describe("restoring recorded matches", () => {
  let tmp: ReturnType<typeof tempDir>;
  let history: History;
  const nowMs = Date.UTC(2025, 5, 1);

  beforeEach(() => {
    tmp = tempDir();
    history = new History({
      path: join(tmp.dir, "h.db"),
      engine: toyEngine,
      snapshotEverySec: 30,
      nowMs: () => nowMs,
    });
  });
  afterEach(() => {
    history.close();
    tmp.cleanup();
  });

  const info = (matchId: string, sim: Simulation): MatchInfo => ({
    matchId,
    code: "QWERTY",
    scenarioId: "toy",
    scenario: toyScenario,
    seed: SEED,
    settings: { scenario: "toy", seed: SEED } as MatchInfo["settings"],
    sim,
    instructorKey: "key-1",
  });

  /** A match played through the room hooks until `until`, then the server "dies" (nothing more recorded). */
  function crashAt(matchId: string, until: Position): Simulation {
    const sim = toyEngine.createSimulation(toyScenario, SEED);
    const room = new ToyRoom(sim, history.recorders(info(matchId, sim)), SEED);
    room.play(reached(until));
    history.recorder.flush();
    return sim;
  }

  it("rebuilds the world at the last recorded moment from the last snapshot and the commands after it", () => {
    crashAt("m", { round: 2, phase: "live", t: 50 });
    const restored = restoreMatch(history.db, { kind: "recover", matchId: "m", ticket: "t" }, toyEngine);
    expect(restored).toMatchObject({
      matchId: "m",
      code: "QWERTY",
      instructorKey: "key-1",
      seed: SEED,
      replan: false,
    });
    expect(restored.at.round).toBe(2);
    const reference = toyEngine.createSimulation(toyScenario, SEED);
    new ToyRoom(reference, undefined, SEED).play(reached(restored.at));
    expect(restored.sim.snapshot()).toEqual(reference.snapshot());

    new ToyRoom(restored.sim, undefined, SEED).play();
    new ToyRoom(reference, undefined, SEED).play();
    expect(restored.sim.summary()).toEqual(reference.summary());
  });

  it("asks scripted seats to plan again only when their planning orders were not recorded", () => {
    crashAt("fresh", { round: 2, phase: "planning", t: 0 });
    expect(
      restoreMatch(history.db, { kind: "recover", matchId: "fresh", ticket: "t" }, toyEngine),
    ).toMatchObject({
      at: { round: 2, phase: "planning" },
      replan: true,
    });
    const sim = crashAt("planned", { round: 2, phase: "planning", t: 0 });
    const recording = history.recorder.resume("planned", sim, []);
    new ToyRoom(sim, recording, SEED).apply(
      { type: "deploy", side: "defender", unitType: "gun", at: { x: 0, y: 0 } },
      "plan:defender-1",
    );
    history.recorder.flush();
    expect(
      restoreMatch(history.db, { kind: "recover", matchId: "planned", ticket: "t" }, toyEngine).replan,
    ).toBe(false);
  });

  it("branches from any recorded moment with the room's options, changed where asked", () => {
    crashAt("m", { round: 3, phase: "live", t: 10 });
    const at: Position = { round: 2, phase: "live", t: 30 };
    const branchOf = { kind: "branch" as const, matchId: "m", at, instructorKey: "key-1" };
    const branch = restoreMatch(history.db, branchOf, toyEngine, {
      pacing: { mode: "wego", intervalMin: 5 },
      seed: 99,
    });
    expect(branch.at).toEqual(at);
    expect(branch.matchId).toBeUndefined();
    expect(branch.settings).toMatchObject({
      scenario: "toy",
      seed: SEED,
      pacing: { mode: "wego", intervalMin: 5 },
    });
    expect(() => restoreMatch(history.db, branchOf, toyEngine, { pacing: { mode: "warp" } })).toThrow(
      RestoreError,
    );
    expect(() =>
      restoreMatch(history.db, { ...branchOf, at: { round: 3, phase: "live", t: 500 } }, toyEngine),
    ).toThrow(/recorded up to round 3 live/);
  });

  it("a branch is a new record that replays from its origin snapshot", () => {
    crashAt("m", { round: 3, phase: "live", t: 10 });
    const branch = history.restore({
      restore: {
        kind: "branch",
        matchId: "m",
        at: { round: 2, phase: "live", t: 30 },
        instructorKey: "key-1",
      },
    })!;
    new ToyRoom(branch.sim, history.recorders(info("b", branch.sim)), SEED).play();
    history.recorder.flush();
    const record = loadRecord(history.db, "b")!;
    expect(record).toMatchObject({ status: "finished", branchOf: { matchId: "m", round: 2, t: 30 } });
    expect(record.snapshots[0]).toMatchObject({
      reason: "origin",
      round: 2,
      phase: "live",
      t: 30,
      afterSeq: 0,
    });
    expect(record.commands[0].round).toBe(2);
  });

  it("recovers every unfinished match through the room factory, continuing its record", async () => {
    crashAt("a", { round: 1, phase: "live", t: 40 });
    crashAt("old", { round: 1, phase: "live", t: 40 });
    history.db.prepare("UPDATE matches SET updated_at = 0 WHERE id = 'old'").run();
    const rooms: Simulation[] = [];
    const outcomes = await history.recoverAll(async (options) => {
      const restored = history.restore(options)!;
      const recording = history.recorders(info(restored.matchId!, restored.sim));
      new ToyRoom(restored.sim, recording, SEED).play();
      rooms.push(restored.sim);
    });
    history.recorder.flush();
    expect(outcomes).toEqual([
      { matchId: "a", code: "QWERTY", ok: true },
      { matchId: "old", code: "QWERTY", ok: false, error: "too old to recover" },
    ]);
    const a = loadRecord(history.db, "a")!;
    expect(a.status).toBe("finished");
    expect(a.commands.map((c) => c.seq)).toEqual(a.commands.map((_, i) => i + 1));
    expect(loadRecord(history.db, "old")!.status).toBe("abandoned");
    expect(() => history.restore({ restore: { kind: "recover", matchId: "a", ticket: "guess" } })).toThrow(
      /not waiting for recovery/,
    );
  });
});
