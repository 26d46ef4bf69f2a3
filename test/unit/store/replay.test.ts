import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MatchRecorder } from "../../../server/match/recorder.js";
import { type Db, openDb } from "../../../server/store/db.js";
import { Recorder } from "../../../server/store/recorder.js";
import { loadRecord, replaySource } from "../../../server/store/records.js";
import type { Position } from "../../../shared/history.js";
import type { Simulation } from "../../../sim/api.js";
import { comparePositions, Replay, ReplayDivergence, verifyReplay } from "../../../sim/review/replay.js";
import { ToyRoom, tempDir } from "./helpers.js";
import { TOY_NIGHT_SEC, toyEngine, toyScenario } from "./toy-sim.js";

describe("deterministic replay", () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let recorder: Recorder;

  beforeEach(() => {
    tmp = tempDir();
    db = openDb(join(tmp.dir, "h.db"));
    recorder = new Recorder(db, { snapshotEverySec: 30 });
  });
  afterEach(() => {
    recorder.close();
    db.close();
    tmp.cleanup();
  });

  /** Plays a toy match the way a room would, recording it; returns the live world. */
  function recordMatch(id: string, seed: number, until?: (sim: Simulation) => boolean): Simulation {
    const sim = toyEngine.createSimulation(toyScenario, seed);
    const recording = recorder.begin(
      { id, code: "ABCDEF", scenario: toyScenario, seed, options: {}, seats: [] },
      sim,
    );
    new ToyRoom(sim, recording, seed).play(until);
    recorder.flush();
    return sim;
  }

  it.each([1, 2, 3, 42, 1234])("seed %i: the replay's summary equals the recorded one", (seed) => {
    const live = recordMatch(`m${seed}`, seed);
    const record = loadRecord(db, `m${seed}`)!;
    expect(record.status).toBe("finished");
    expect(record.summary).toEqual(live.summary());
    expect(record.roundSummaries.map((r) => r.round)).toEqual([1, 2, 3]);

    const replayed = new Replay(replaySource(db, record), toyEngine).runToEnd();
    expect(replayed.summary()).toEqual(record.summary);
  });

  it("records snapshots at every phase change and at the first hook of every 30 live seconds", () => {
    recordMatch("m", 5);
    const snapshots = loadRecord(db, "m")!.snapshots;
    expect(snapshots[0]).toMatchObject({ reason: "origin", round: 1, phase: "planning", afterSeq: 0 });
    const round1Live = snapshots.filter((s) => s.round === 1 && s.phase === "live");
    expect(round1Live[0]).toMatchObject({ t: 0, reason: "phase" });
    const windows = round1Live.map((s) => Math.floor(s.t / 30));
    expect(windows.length).toBeGreaterThanOrEqual(4);
    expect(windows).toEqual([...new Set(windows)].sort((a, b) => a - b));
    expect(snapshots.some((s) => s.phase === "assessment" && s.reason === "phase")).toBe(true);
    expect(snapshots.at(-1)).toMatchObject({ phase: "ended", reason: "phase" });
  });

  it("seeks anywhere, forwards and backwards, to exactly the world the match had there", () => {
    const targets: Position[] = [
      { round: 2, phase: "live", t: 47.5 },
      { round: 1, phase: "live", t: 12 },
      { round: 3, phase: "live", t: TOY_NIGHT_SEC - 1 },
      { round: 1, phase: "live", t: 90.5 },
    ];
    const expected = targets.map((target) => {
      const before = (sim: Simulation) =>
        comparePositions({ round: sim.round, phase: sim.phase, t: sim.clock }, target) >= 0;
      const sim = toyEngine.createSimulation(toyScenario, 9);
      new ToyRoom(sim, undefined, 9).play(before);
      return sim.snapshot();
    });
    recordMatch("m", 9);
    const replay = new Replay(replaySource(db, loadRecord(db, "m")!), toyEngine);
    targets.forEach((target, i) => {
      replay.seek(target);
      expect(replay.position).toEqual(target);
      expect(replay.sim.snapshot()).toEqual(expected[i]);
    });
  });

  it("names the command where a tampered record stops making sense", () => {
    recordMatch("m", 3);
    db.prepare(
      "UPDATE commands SET phase = 'live' WHERE match_id = 'm' AND command LIKE '%next-round%'",
    ).run();
    const replay = new Replay(replaySource(db, loadRecord(db, "m")!), toyEngine);
    expect(() => replay.runToEnd()).toThrow(ReplayDivergence);
    expect(() => replay.runToEnd()).toThrow(
      /round 1 assessment t=[\d.]+s where the record has command \d+ \(next-round\) at round 1 live/,
    );
  });

  it("verification reports a summary that a tampered record no longer reproduces", () => {
    recordMatch("m", 3);
    const record = loadRecord(db, "m")!;
    expect(verifyReplay(replaySource(db, record), toyEngine, record.summary!).equal).toBe(true);

    db.prepare(
      "UPDATE commands SET command = replace(command, '\"count\":3', '\"count\":30') WHERE match_id = 'm'",
    ).run();
    const tampered = verifyReplay(replaySource(db, loadRecord(db, "m")!), toyEngine, record.summary!);
    expect(tampered.equal).toBe(false);
    expect(tampered.differences.length).toBeGreaterThan(0);
  });

  it("a replay passes every event to its hooks, the same as the live run produced", () => {
    const liveEvents: string[] = [];
    const sim = toyEngine.createSimulation(toyScenario, 11);
    const recording = recorder.begin(
      { id: "e", code: "ABCDEF", scenario: toyScenario, seed: 11, options: {}, seats: [] },
      sim,
    );
    const tap: MatchRecorder = {
      command: (record, apply) => recording.command(record, apply),
      events: (events) => {
        for (const e of events) liveEvents.push(`${e.round}:${e.t}:${e.type}`);
        recording.events(events);
      },
      phase: () => recording.phase(),
      summary: (summary, final) => recording.summary(summary, final),
    };
    new ToyRoom(sim, tap, 11).play();
    recorder.flush();

    const replayed: string[] = [];
    new Replay(replaySource(db, loadRecord(db, "e")!), toyEngine, {
      events: (events) => {
        for (const e of events)
          if (e.type === "intercept" || e.type === "impact") replayed.push(`${e.round}:${e.t}:${e.type}`);
      },
    }).runToEnd();
    expect(replayed.length).toBeGreaterThan(10);
    expect(replayed).toEqual(liveEvents);
  });
});
